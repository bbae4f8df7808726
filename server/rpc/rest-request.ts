import { fromJson } from "@bufbuild/protobuf";
import type { DescField, JsonObject, JsonValue, Message } from "@bufbuild/protobuf";
import { ScalarType } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HttpRoute } from "./http-rules";

// Builds a method's request message from a REST call: path variables, query parameters and
// the JSON body, each converted to proto3 JSON and then read by protobuf-es, so every value
// is checked exactly as a Connect JSON request would be.

function invalid(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

const integerTypes = new Set([
  ScalarType.INT32,
  ScalarType.SINT32,
  ScalarType.SFIXED32,
  ScalarType.UINT32,
  ScalarType.FIXED32,
  ScalarType.INT64,
  ScalarType.SINT64,
  ScalarType.SFIXED64,
  ScalarType.UINT64,
  ScalarType.FIXED64,
]);

/** A query string value as the proto3 JSON value of its field. */
function queryValue(field: DescField, name: string, text: string): JsonValue {
  if (field.fieldKind === "scalar" && field.scalar === ScalarType.BOOL) {
    if (text === "true" || text === "false") return text === "true";
    throw invalid(`query parameter ${name} must be true or false, not "${text}".`);
  }
  if (field.fieldKind === "scalar" && integerTypes.has(field.scalar)) {
    if (/^-?\d+$/.test(text)) return text;
    throw invalid(`query parameter ${name} must be an integer, not "${text}".`);
  }
  if (field.fieldKind === "enum" && /^\d+$/.test(text)) return Number(text);
  if (field.fieldKind === "message" && field.message.typeName === "google.protobuf.FieldMask") {
    // People write the proto paths (update_mask=name,completed); proto3 JSON wants lowerCamelCase.
    return text
      .split(",")
      .map((path) => path.trim().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()))
      .join(",");
  }
  return text;
}

function readQuery(route: HttpRoute, query: URLSearchParams): JsonObject {
  const json: JsonObject = {};
  for (const name of new Set(query.keys())) {
    const field = route.queryFields.find((f) => f.name === name || f.jsonName === name);
    if (!field) {
      const known = route.queryFields.map((f) => f.name).join(", ") || "none";
      throw invalid(`unknown query parameter ${name} (known: ${known}).`);
    }
    const values = query.getAll(name);
    if (field.fieldKind === "list") {
      json[field.jsonName] = values.map((text) => text);
    } else if (values.length > 1) {
      throw invalid(`query parameter ${name} is given ${values.length} times; it takes one value.`);
    } else {
      json[field.jsonName] = queryValue(field, name, values[0]!);
    }
  }
  return json;
}

function readBody(route: HttpRoute, body: string): JsonObject {
  if (route.bodyFields.length === 0 || body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalid("the request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid("the request body must be a JSON object.");
  }
  return parsed as JsonObject;
}

/**
 * The request message of `route` from its path values, query and body. Bad input of any
 * kind (unknown fields, wrong types, a field given twice) is INVALID_ARGUMENT.
 */
export function readRestRequest(
  route: HttpRoute,
  pathValues: string[],
  query: URLSearchParams,
  body: string,
  ifMatch?: string,
): Message {
  const fromBody = readBody(route, body);
  const fromQuery = readQuery(route, query);
  // AIP-154: HTTP callers may send the etag the HTTP way; `*` (any version) is no condition.
  const etag = route.ifMatchField?.jsonName;
  const fromHeader: JsonObject =
    etag !== undefined && ifMatch !== undefined && ifMatch.trim() !== "*" ? { [etag]: ifMatch.trim() } : {};
  if (etag !== undefined && etag in fromHeader && etag in fromQuery) {
    throw invalid("etag is given in both If-Match and the query.");
  }
  const fromPath: JsonObject = {};
  route.pathFields.forEach((field, index) => {
    try {
      fromPath[field.jsonName] = decodeURIComponent(pathValues[index] ?? "");
    } catch {
      throw invalid(`the path segment for ${field.name} is not valid percent-encoding.`);
    }
  });
  for (const [source, values] of [
    ["query", fromQuery],
    ["path", fromPath],
    ["If-Match header", fromHeader],
  ] as const) {
    for (const key of Object.keys(values)) {
      const field = route.method.input.fields.find((f) => f.jsonName === key)!;
      if (field.name in fromBody || field.jsonName in fromBody) {
        throw invalid(`${field.name} is given in both the ${source} and the body.`);
      }
    }
  }
  try {
    return fromJson(route.method.input, { ...fromBody, ...fromQuery, ...fromPath, ...fromHeader });
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : "the request does not match its schema.");
  }
}
