// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the only one to edit),
// then generates both Prisma clients. A test fails when the committed copy differs.
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { providerPaths } from "./db/migrations";

/** The PostgreSQL schema text that belongs to the current SQLite schema. */
export async function postgresSchema(): Promise<string> {
  const source = await readFile(providerPaths.sqlite.schema, "utf8");
  const derived = source
    .replace('output       = "../server/db/generated/sqlite"', 'output       = "../../server/db/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(
      /^\/\/ The one model\.[^\n]*\n\/\/[^\n]*\n/m,
      "// Generated from ../schema.prisma by `npm run db:schema`: do not edit.\n",
    );
  if (derived.includes('"sqlite"')) throw new Error("schema.prisma no longer has the expected shape");
  return derived;
}

export async function writePostgresSchema(): Promise<void> {
  await mkdir(dirname(providerPaths.postgresql.schema), { recursive: true });
  await writeFile(providerPaths.postgresql.schema, await postgresSchema());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writePostgresSchema();
  for (const { schema } of Object.values(providerPaths)) {
    // `generate` never runs the schema engine; pointing at any file stops the CLI
    // from downloading it (unreachable here and not needed).
    execFileSync("prisma", ["generate", "--schema", schema], {
      stdio: "inherit",
      // Passed on whole to the child (PATH and the like), not read here.
      // eslint-disable-next-line no-restricted-syntax
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
}
