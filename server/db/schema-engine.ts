import { readFile } from "node:fs/promises";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

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

/** Starts a schema engine for one Prisma schema, connected through a driver adapter. */
export async function openSchemaEngine(
  schemaPath: string,
  schema: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  await instantiate();
  const log = (line: string) => {
    if (process.env.PRISMA_SCHEMA_ENGINE_LOG) console.error(line);
  };
  return bindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
