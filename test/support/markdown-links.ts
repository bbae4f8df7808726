// Relative links and #anchors in Markdown, checked as GitHub renders them, with no network.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, relative, resolve, sep } from "node:path";

/** One link that does not resolve, with where it is written and why it fails. */
export interface BrokenLink {
  file: string;
  line: number;
  target: string;
  reason: string;
}

interface Link {
  line: number;
  target: string;
}

/** Lines outside fenced code blocks, each with its 1-based number. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((text, index) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      return;
    }
    if (opener !== undefined) {
      fence = opener;
      return;
    }
    lines.push({ text, line: index + 1 });
  });
  return lines;
}

/** The text GitHub shows for inline Markdown: code spans, emphasis and link syntax removed. */
function renderedText(inline: string): string {
  return inline
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`+/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*\*|__|\*)/g, "");
}

/**
 * The anchor GitHub gives a heading (as github-slugger does): lower case, every character that
 * is not a letter, mark, digit, connector, space or hyphen dropped, spaces turned into hyphens.
 */
export function githubSlug(heading: string): string {
  return renderedText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a Markdown file offers: heading slugs (repeats numbered -1, -2…) and HTML ids. */
export function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(text)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of text.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

/** Inline links and images, and reference definitions, outside code. */
export function linksIn(markdown: string): Link[] {
  const links: Link[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const prose = text.replace(/(`+)[^`]*?\1/g, "");
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line, target: match[1]! });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/.exec(prose);
    if (definition) links.push({ line, target: definition[1]! });
  }
  return links;
}

/** Links to other sites (any scheme) and protocol-relative ones are not checked here. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");
}

/**
 * Every relative link in `files` (paths under `root`) that does not resolve: the file or folder
 * must exist inside `root`, and an #anchor into a Markdown file must match one of its headings.
 */
export function brokenLinks(root: string, files: readonly string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (path: string) => {
    let anchors = anchorCache.get(path);
    if (!anchors) {
      anchors = anchorsIn(readFileSync(path, "utf8"));
      anchorCache.set(path, anchors);
    }
    return anchors;
  };
  for (const file of files) {
    const source = resolve(root, file);
    for (const { line, target } of linksIn(readFileSync(source, "utf8"))) {
      if (isExternal(target)) continue;
      const fail = (reason: string) => broken.push({ file, line, target, reason });
      const hash = target.indexOf("#");
      const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
      // GitHub reads a leading slash as the repository's root, not the file system's.
      const base = pathPart.startsWith("/") ? root : dirname(source);
      const destination = pathPart === "" ? source : resolve(base, pathPart.replace(/^\/+/, ""));
      const inside = relative(root, destination);
      if (inside.startsWith(`..${sep}`) || inside === "..") {
        fail("points outside the repository");
        continue;
      }
      if (!existsSync(destination)) {
        fail("no such file");
        continue;
      }
      if (anchor === undefined || statSync(destination).isDirectory()) continue;
      if (extname(destination) !== ".md") continue;
      if (!anchorsOf(destination).has(anchor)) fail(`no heading with anchor #${anchor}`);
    }
  }
  return broken;
}
