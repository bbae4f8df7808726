import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";

// A REST client as a user of the OpenAPI document makes one: types from openapi-typescript,
// calls through openapi-fetch, compiled by tsc --strict. The program reads every field of every
// answer as the document types it, with no `!`, `?.` or cast: a field the document left optional
// would not compile.

const root = resolve(import.meta.dirname, "../..");

/** What the program below returns. */
export type Tour = {
  names: string[];
  staleDelete: { status: number; code: string };
  completed: boolean | null;
  deleted: boolean;
};

const program = `import createClient from "openapi-fetch";
import type { paths } from "./api.js";

export async function tour(baseUrl: string, token: string) {
  const api = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${token}\` } });
  const fail = (error: { error: { status: string; message: string } }): never => {
    throw new Error(\`\${error.error.status}: \${error.error.message}\`);
  };

  const created = await api.POST("/api/v1/orders", { body: { name: "Typed client" } });
  if (!created.data) return fail(created.error);
  const { uuid, etag } = created.data.order;
  const read = await api.GET("/api/v1/orders/{uuid}", { params: { path: { uuid } } });
  if (!read.data) return fail(read.error);
  const createdAt: string = read.data.order.createTime;

  const renamed = await api.PATCH("/api/v1/orders/{uuid}", {
    params: { path: { uuid }, header: { "If-Match": etag } },
    body: { name: "Typed client, renamed", updateMask: "name" },
  });
  if (!renamed.data) return fail(renamed.error);
  const updatedAt: string = renamed.data.order.updateTime;

  const stale = await api.DELETE("/api/v1/orders/{uuid}", { params: { path: { uuid }, header: { "If-Match": etag } } });
  if (!stale.error) throw new Error("a stale etag deleted the order");
  const code: string = stale.error.error.status;

  const listed = await api.GET("/api/v1/orders", { params: { query: { name_contains: "Typed client", page_size: 10 } } });
  if (!listed.data) return fail(listed.error);
  const names: string[] = listed.data.orders.map((order) => order.name);
  const total: number = listed.data.totalSize;

  const checked = await api.POST("/api/v1/orders/{uuid}:checkStatus", { params: { path: { uuid } } });
  if (!checked.data) return fail(checked.error);
  const completed: boolean | null = checked.data.completed;

  // The check wrote its answer into the order: a new etag.
  const current = await api.GET("/api/v1/orders/{uuid}", { params: { path: { uuid } } });
  if (!current.data) return fail(current.error);
  const deleted = await api.DELETE("/api/v1/orders/{uuid}", {
    params: { path: { uuid }, header: { "If-Match": current.data.order.etag } },
  });
  if (!deleted.data) return fail(deleted.error);
  return {
    names: total === names.length && createdAt <= updatedAt ? names : [],
    staleDelete: { status: stale.response.status, code },
    completed,
    deleted: deleted.data.success,
  };
}
`;

const tsconfig = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    target: "ES2022",
    lib: ["ES2023", "DOM"],
    module: "nodenext",
    moduleResolution: "nodenext",
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["client.ts"],
};

/**
 * Generates the document's types, compiles the program with tsc --strict (rejecting with the
 * compiler's messages if it does not), and returns its `tour` to run.
 */
export async function compileTypedClient(document: OpenAPI3): Promise<{
  tour: (baseUrl: string, token: string) => Promise<Tour>;
  remove: () => Promise<void>;
}> {
  // Inside node_modules: out of the project's own typecheck, and openapi-fetch resolves from it.
  await mkdir(join(root, "node_modules/.cache"), { recursive: true });
  const dir = await mkdtemp(join(root, "node_modules/.cache/openapi-client-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(join(dir, "api.d.ts"), astToString(await openapiTS(document)));
    await writeFile(join(dir, "client.ts"), program);
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    await promisify(execFile)(join(root, "node_modules/.bin/tsc"), ["-p", dir]).catch(
      (error: Error & { stdout?: string }) => {
        throw new Error(`the typed client does not compile:\n${error.stdout || error.message}`);
      },
    );
    const { tour } = (await import(join(dir, "client.ts"))) as {
      tour: (baseUrl: string, token: string) => Promise<Tour>;
    };
    return { tour, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
