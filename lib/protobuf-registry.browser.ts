/**
 * What browser bundles get instead of @bufbuild/protobuf's registry.js (next.config.mjs aliases
 * it): the pages' descriptors are linked from tables (gen/browser/, lib/protobuf-linked-file.ts),
 * so nothing in the browser decodes a FileDescriptorProto. Should a module that does reach a
 * page, it fails as it loads instead of bringing the registry (about 3 kB gzip) back unnoticed.
 */
function notInTheBrowser(): never {
  throw new Error("protobuf's registry is not bundled for the browser (lib/protobuf-registry.browser.ts)");
}

export const createRegistry = notInTheBrowser;
export const createMutableRegistry = notInTheBrowser;
export const createFileRegistry = notInTheBrowser;
export const minimumEdition = 998;
export const maximumEdition = 1001;
