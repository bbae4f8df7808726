/**
 * What browser bundles get instead of @bufbuild/protobuf's JSON codec (next.config.mjs aliases
 * its to-json.js and from-json.js): the browser transport speaks binary protobuf, so nothing in
 * the browser reads or writes protobuf JSON, yet connect-web names both codecs and would ship
 * them (about 5 kB gzip of every page). Connect's error bodies and stream trailers are JSON
 * still, but plain JSON: they never go through these functions. A call that reaches one is a bug
 * to see at once, not a silent wrong answer.
 */
function notInTheBrowser(): never {
  throw new Error("protobuf JSON is not bundled for the browser: use the binary format (lib/protobuf-json.browser.ts)");
}

export const toJson = notInTheBrowser;
export const toJsonString = notInTheBrowser;
export const enumToJson = notInTheBrowser;
export const fromJson = notInTheBrowser;
export const fromJsonString = notInTheBrowser;
export const mergeFromJson = notInTheBrowser;
export const mergeFromJsonString = notInTheBrowser;
export const enumFromJson = notInTheBrowser;
export const isEnumJson = notInTheBrowser;
