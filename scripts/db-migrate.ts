// Applies pending migrations to the database DATABASE_URL selects (the embedded SQLite
// file by default). Run by `npm run db:migrate`, and before `dev` and `start`.
import { config } from "../server/config.js";
import { applyMigrations } from "./db/migrations";

const applied = await applyMigrations(config.database);
const where = config.database.provider === "sqlite" ? config.database.file : "PostgreSQL";
console.log(applied.length ? `migrated ${where}: ${applied.join(", ")}` : `${where} is up to date`);
