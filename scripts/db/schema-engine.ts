import { readFile } from "node:fs/promises";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { config } from "../../server/config.js";

let instantiated: Promise<void> | undefined;

// Prisma's schema engine compiled to WebAssembly: the same migration logic as
// `prisma migrate deploy`, without the native binary the CLI would download.
// Node cannot `import` a .wasm file, so it is instantiated by hand once per process.
function instantiate(): Promise<void> {
  instantiated ??= (async () => {
    const packageEntry = import.meta.resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(new URL("./schema_engine_bg.wasm", packageEntry));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return instantiated;
}

/** A schema engine and the database connections it opened; `close` releases both. */
export type OpenSchemaEngine = { engine: SchemaEngine; close: () => Promise<void> };

// The engine replays each migration file into the shadow database with one executeRaw, and
// better-sqlite3 prepares one statement at a time ("contains more than one statement"), so
// diffing from a SQLite migration history failed. A parameterless script runs as a script.
function replaysScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== "sqlite") return adapter;
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !(error instanceof RangeError && /more than one statement/.test(error.message)))
        throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

// Freeing the engine leaves its connections open, and an open SQLite connection can keep
// the file locked for the rest of the process, so every connection is tracked and closed.
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    // The engine disposes its shadow databases itself.
    connectToShadowDb: async () => replaysScripts(await factory.connectToShadowDb()),
  };
  return { tracked, closeAll: () => Promise.all(opened.map((adapter) => adapter.dispose())) };
}

/** Starts a schema engine for one Prisma schema, connected through a driver adapter. */
export async function openSchemaEngine(
  schemaPath: string,
  schema: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<OpenSchemaEngine> {
  await instantiate();
  const log = (line: string) => {
    if (config.schemaEngineLog) console.error(line);
  };
  const { tracked, closeAll } = trackConnections(adapterFactory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await closeAll();
    },
  };
}
