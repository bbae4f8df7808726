// Applies pending migrations to the database DATABASE_URL selects (the embedded SQLite file
// by default). Run by `npm run db:migrate` as a deploy step of its own, and before `dev` and
// `start`. Safe beside running servers: with nothing pending it never takes a lock.
import { config } from "../server/config.js";
import { deployMigrations, MigrationFailed } from "./db/deploy-migrations";

const name = config.database.provider === "sqlite" ? config.database.file : "PostgreSQL";
try {
  const { pending, applied } = await deployMigrations(config.database, {
    lockWaitMs: config.migrateLockWaitMs,
    report: (line) => console.error(`db:migrate: ${line}`),
  });
  console.log(
    pending.length === 0
      ? `${name} is up to date`
      : `migrated ${name}: ${applied.join(", ") || "none left (another process applied them)"}`,
  );
} catch (error) {
  if (!(error instanceof MigrationFailed)) throw error;
  // One line: the operator needs the cause, not the engine's WebAssembly stack.
  console.error(`db:migrate: ${error.message}`);
  // Exit now: a half-open connection to a host that never answered must not keep us alive.
  process.exit(1);
}
