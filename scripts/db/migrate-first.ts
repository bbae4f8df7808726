import { config } from "../../server/config.js";
import { deployMigrations, MigrationFailed } from "./deploy-migrations";

/**
 * What a script that needs the schema runs before anything else (db:seed, token): the path
 * `db:migrate` takes, which reads the applied list first and never opens the schema engine
 * (it locks a SQLite file exclusively) when nothing is pending, so the script works beside a
 * running server. A failure is one line on stderr and exit code 1.
 */
export async function migrateFirst(script: string): Promise<void> {
  try {
    await deployMigrations(config.database, {
      lockWaitMs: config.migrateLockWaitMs,
      report: (line) => console.error(`${script}: ${line}`),
    });
  } catch (error) {
    if (!(error instanceof MigrationFailed)) throw error;
    console.error(`${script}: ${error.message}`);
    process.exit(1);
  }
}
