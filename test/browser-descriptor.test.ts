// Browser bundles get gen/browser/'s modules in place of the generated ones (next.config.mjs,
// gen/browser/aliases.json): descriptors linked from tables instead of decoded by the registry.
// Each must export what the generated module exports, every descriptor equal to the registry's
// property for property, link for link.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DescFile } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel as RuntimeIdempotencyLevel } from "@bufbuild/protobuf/wkt";
import aliases from "../gen/browser/aliases.json" with { type: "json" };
import { MethodOptions_IdempotencyLevel } from "../gen/browser/descriptor_pb";

type Module = Record<string, unknown>;

/** The module the browser's replaces: ours by the name the app imports, well-known types from the runtime. */
function generatedModule(alias: string): string | undefined {
  if (alias.startsWith("@/gen/")) return `../gen/${alias.slice("@/gen/".length)}`;
  if (alias.startsWith("./gen/google/protobuf/") && !alias.includes("descriptor_pb")) return "@bufbuild/protobuf/wkt";
  return undefined;
}

const pairs = Object.entries(aliases).flatMap(([alias, target]) => {
  const generated = generatedModule(alias);
  return generated ? [{ alias, browser: `../${target.replace(/^\.\//, "").replace(/\.ts$/, "")}`, generated }] : [];
});

/**
 * Walks both descriptors at once. Every own property but `proto` must be there on both sides;
 * functions (toString, getDefaultValue) must answer alike; a descriptor met again must be the
 * same object again, so the links (field → message, method → input) are the registry's.
 */
function assertSameDescriptor(linked: unknown, registry: unknown, path: string, seen = new Map<object, unknown>()) {
  if (typeof registry === "function") {
    assert.equal(typeof linked, "function", path);
    return;
  }
  if (registry === null || typeof registry !== "object") {
    assert.equal(linked, registry, path);
    return;
  }
  if (seen.has(registry)) {
    assert.equal(linked, seen.get(registry), `${path} links to another descriptor than the registry's`);
    return;
  }
  assert.ok(linked !== null && typeof linked === "object", path);
  seen.set(registry, linked);
  const registryObject = registry as Record<string, unknown>;
  const linkedObject = linked as Record<string, unknown>;
  if (Array.isArray(registry)) {
    assert.ok(Array.isArray(linked), path);
    assert.equal(linked.length, registry.length, `${path}.length`);
  } else {
    const keys = Object.keys(registryObject).filter((key) => key !== "proto");
    assert.deepEqual(Object.keys(linkedObject).sort(), keys.sort(), `${path}: properties`);
  }
  for (const [key, value] of Object.entries(registryObject)) {
    if (key === "proto") continue;
    if (typeof value === "function") {
      const answer: unknown = (value as () => unknown).call(registry);
      assert.deepEqual((linkedObject[key] as () => unknown).call(linked), answer, `${path}.${key}()`);
    } else if (key === "dependencies") {
      // The browser's file lists the imports it takes types from; google/api/annotations.proto
      // and the like give order.proto options only, which the browser never reads.
      const fileNames = (files: unknown) => (files as DescFile[]).map((file) => file.toString());
      const linkedNames = fileNames(linkedObject[key]);
      const kept = (value as DescFile[]).filter((file) => linkedNames.includes(file.toString()));
      assert.deepEqual(linkedNames, fileNames(kept), `${path}.dependencies`);
      assertSameDescriptor(linkedObject[key], kept, `${path}.dependencies`, seen);
    } else {
      assertSameDescriptor(linkedObject[key], value, `${path}.${key}`, seen);
    }
  }
}

test("the browser's modules replace ours and the well-known types the pages use", () => {
  const replaced = pairs.map((pair) => pair.alias);
  for (const alias of ["@/gen/order/order_pb", "@/gen/order/order_bulk_pb", "./gen/google/protobuf/timestamp_pb.js"]) {
    assert.ok(replaced.includes(alias), alias);
  }
});

for (const pair of pairs) {
  test(`${pair.browser} exports what ${pair.alias} does, with equal descriptors`, async () => {
    const browser = (await import(pair.browser)) as Module;
    const generated = (await import(pair.generated)) as Module;
    const exports = Object.keys(browser).filter((key) => key !== "default");
    // Ours must match export for export; the runtime's wkt module also holds other files' exports.
    if (pair.generated !== "@bufbuild/protobuf/wkt") {
      assert.deepEqual(exports.sort(), Object.keys(generated).sort());
    }
    const seen = new Map<object, unknown>();
    for (const key of exports) {
      const value = generated[key];
      assert.ok(value !== undefined, `${key} is not exported by ${pair.generated}`);
      if (typeof value === "object" && value !== null && "kind" in value) {
        assertSameDescriptor(browser[key], value, key, seen);
      } else {
        assert.deepEqual({ ...(browser[key] as object) }, { ...(value as object) }, key);
      }
    }
  });
}

test("reading a browser descriptor's proto fails loudly", async () => {
  const { OrderSchema } = await import("../gen/browser/order/order_pb");
  assert.throws(() => OrderSchema.proto, /not bundled for the browser/);
});

test("the browser's IdempotencyLevel is the runtime's", () => {
  assert.deepEqual({ ...MethodOptions_IdempotencyLevel }, { ...RuntimeIdempotencyLevel });
});
