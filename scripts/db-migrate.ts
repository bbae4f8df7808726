// Applies pending migrations to the database DATABASE_URL selects (the embedded SQLite
// file by default). Run by `npm run db:migrate`, and before `dev` and `start`.
import { databaseConfig } from "../server/db/database-config";
import { applyMigrations } from "../server/db/migrations";

const config = databaseConfig();
const applied = await applyMigrations(config);
const where = config.provider === "sqlite" ? config.file : "PostgreSQL";
console.log(applied.length ? `migrated ${where}: ${applied.join(", ")}` : `${where} is up to date`);
