/**
 * What browser bundles get instead of @bufbuild/protobuf's reflect-check.js (next.config.mjs
 * aliases it): the value checks run only when a checked reflection sets a field (clone, merge,
 * extensions, text format). The browser code builds messages with create() and decodes with
 * fromBinary, which set unchecked, and encodes with toBinary, which only reads; the checks would
 * cost about 0.9 kB gzip of every page for nothing. A checked set that does reach here fails at
 * once instead of passing an unchecked value.
 */
function notInTheBrowser(): Error {
  return new Error(
    "protobuf's checked reflection is not bundled for the browser (lib/protobuf-reflect-check.browser.ts)",
  );
}

export const checkField = notInTheBrowser;
export const checkListItem = notInTheBrowser;
export const checkMapEntry = notInTheBrowser;
