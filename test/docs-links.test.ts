// The README and docs/ link to each other by file and heading: a moved section or a renamed
// heading must not leave a reader at a dead link. Local files only, no network.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { anchorsIn, brokenLinks, githubSlug } from "./support/markdown-links";

const root = resolve(import.meta.dirname, "..");

/** README.md and every Markdown file under docs/ and deploy/, relative to the root. */
function documentation(): string[] {
  const under = (dir: string) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".md"))
      .map((name) => join(dir, name));
  return ["README.md", ...under("docs"), ...under("deploy")];
}

test("every relative link and #anchor in README.md, docs/ and deploy/ resolves", () => {
  const files = documentation();
  assert.ok(files.length > 5, `found only ${files.join(", ")}`);
  const broken = brokenLinks(root, files).map(
    ({ file, line, target, reason }) => `${file}:${line} ${target}: ${reason}`,
  );
  assert.deepEqual(broken, []);
});

test("no page points at the notes outside the repository (../shared/, /work/)", () => {
  const mentions = documentation().filter((file) =>
    /\.\.\/shared\/|\/work\//.test(readFileSync(join(root, file), "utf8")),
  );
  assert.deepEqual(mentions, []);
});

test("the README stays short: at most 250 lines", () => {
  const lines = readFileSync(join(root, "README.md"), "utf8").trimEnd().split("\n").length;
  assert.ok(lines <= 250, `README.md has ${lines} lines`);
});

test("headings get GitHub's anchors", () => {
  assert.equal(githubSlug("Rotating AUTH_SECRET"), "rotating-auth_secret");
  assert.equal(githubSlug("Live changes: WatchOrders"), "live-changes-watchorders");
  assert.equal(githubSlug("Who did what: each order's history"), "who-did-what-each-orders-history");
  assert.equal(githubSlug("`db:seed` writes through the drivers"), "dbseed-writes-through-the-drivers");
  assert.equal(githubSlug("10. A 384 MB old space for `next start`"), "10-a-384-mb-old-space-for-next-start");
  assert.equal(githubSlug("REST (JSON over plain HTTP)"), "rest-json-over-plain-http");
  assert.equal(githubSlug("Déjà vu — **bold** [link](x.md)"), "déjà-vu--bold-link");
  const anchors = anchorsIn("# Title\n\n## Same\n\n```sh\n# not a heading\n```\n\n## Same\n");
  assert.deepEqual([...anchors], ["title", "same", "same-1"]);
});

test("a dead file, a dead anchor and a path out of the repository are reported", () => {
  const dir = mkdtempSync(join(tmpdir(), "orders-links-"));
  try {
    writeFileSync(join(dir, "b.md"), "# B\n\n## Known part\n");
    writeFileSync(
      join(dir, "a.md"),
      [
        "# A",
        "[fine](b.md#known-part) [self](#a) [external](https://example.com/x.md)",
        "`[in code](missing.md)`",
        "```md",
        "[in a fence](missing.md)",
        "```",
        "[gone](missing.md) [wrong](b.md#unknown) [out](../shared/notes.md) [root](/b.md#b)",
      ].join("\n"),
    );
    const reasons = brokenLinks(dir, ["a.md"]).map(({ line, target, reason }) => `${line} ${target}: ${reason}`);
    assert.deepEqual(reasons, [
      "7 missing.md: no such file",
      "7 b.md#unknown: no heading with anchor #unknown",
      "7 ../shared/notes.md: points outside the repository",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
