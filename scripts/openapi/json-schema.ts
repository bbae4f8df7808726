import { ScalarType } from "@bufbuild/protobuf";
import type { DescField, DescMessage } from "@bufbuild/protobuf";
import { getComments } from "@bufbuild/protoplugin";

// Proto3 JSON as JSON Schema (2020-12, as OpenAPI 3.1 uses it): what a REST caller sends
// and receives, written from the descriptors so it cannot drift from the contract.

export type JsonSchema = Record<string, unknown>;

/** An element's leading comment from the .proto file, one space-trimmed line per line. */
export function commentOf(desc: Parameters<typeof getComments>[0]): string | undefined {
  const text = getComments(desc)
    .leading?.split("\n")
    .map((line) => line.trim())
    .join("\n")
    .trim();
  return text || undefined;
}

/** The component name of a message schema: its full protobuf name. */
export const schemaRef = (message: DescMessage) => ({ $ref: `#/components/schemas/${message.typeName}` });

const scalarSchemas: Record<ScalarType, JsonSchema> = {
  [ScalarType.STRING]: { type: "string" },
  [ScalarType.BOOL]: { type: "boolean" },
  [ScalarType.BYTES]: { type: "string", contentEncoding: "base64" },
  [ScalarType.DOUBLE]: { type: "number", format: "double" },
  [ScalarType.FLOAT]: { type: "number", format: "float" },
  [ScalarType.INT32]: { type: "integer", format: "int32" },
  [ScalarType.SINT32]: { type: "integer", format: "int32" },
  [ScalarType.SFIXED32]: { type: "integer", format: "int32" },
  [ScalarType.UINT32]: { type: "integer", format: "int64", minimum: 0 },
  [ScalarType.FIXED32]: { type: "integer", format: "int64", minimum: 0 },
  // 64-bit integers are strings in proto3 JSON, so no precision is lost in JavaScript.
  [ScalarType.INT64]: { type: "string", format: "int64" },
  [ScalarType.SINT64]: { type: "string", format: "int64" },
  [ScalarType.SFIXED64]: { type: "string", format: "int64" },
  [ScalarType.UINT64]: { type: "string", format: "uint64" },
  [ScalarType.FIXED64]: { type: "string", format: "uint64" },
};

// Well-known types have their own JSON forms.
const wellKnownSchemas: Record<string, JsonSchema> = {
  "google.protobuf.Timestamp": { type: "string", format: "date-time" },
  "google.protobuf.Duration": { type: "string", pattern: "^-?\\d+(\\.\\d+)?s$" },
  "google.protobuf.FieldMask": { type: "string", description: "Comma-separated field paths." },
  "google.protobuf.BoolValue": { type: ["boolean", "null"] },
  "google.protobuf.StringValue": { type: ["string", "null"] },
  "google.protobuf.Int32Value": { type: ["integer", "null"], format: "int32" },
  "google.protobuf.Struct": { type: "object" },
  "google.protobuf.Any": { type: "object", properties: { "@type": { type: "string" } }, required: ["@type"] },
};

/** The schema of a message field; message types it refers to are added to `refs`. */
export function fieldSchema(field: DescField, refs: Set<DescMessage>): JsonSchema {
  const description = commentOf(field);
  const single = (
    kind: "scalar" | "enum" | "message",
    scalar?: ScalarType,
    message?: DescMessage,
    values?: string[],
  ) => {
    if (kind === "scalar") return scalarSchemas[scalar!];
    if (kind === "enum") return { type: "string", enum: values };
    const known = wellKnownSchemas[message!.typeName];
    if (known) return known;
    refs.add(message!);
    return schemaRef(message!);
  };
  let schema: JsonSchema;
  switch (field.fieldKind) {
    case "scalar":
      schema = single("scalar", field.scalar);
      break;
    case "enum":
      schema = single(
        "enum",
        undefined,
        undefined,
        field.enum.values.map((v) => v.name),
      );
      break;
    case "message":
      schema = single("message", undefined, field.message);
      break;
    case "list":
      schema = {
        type: "array",
        items: single(
          field.listKind,
          field.scalar,
          field.message,
          field.enum?.values.map((v) => v.name),
        ),
      };
      break;
    case "map":
      schema = {
        type: "object",
        additionalProperties: single(
          field.mapKind,
          field.scalar,
          field.message,
          field.enum?.values.map((v) => v.name),
        ),
      };
      break;
  }
  return description ? { ...schema, description } : schema;
}

/** An object schema of some of a message's fields, keyed by their JSON names. */
export function objectSchema(fields: readonly DescField[], refs: Set<DescMessage>, description?: string): JsonSchema {
  return {
    type: "object",
    ...(description && { description }),
    properties: Object.fromEntries(fields.map((field) => [field.jsonName, fieldSchema(field, refs)])),
    additionalProperties: false,
  };
}

/** Schemas for `roots` and every message they refer to, by full name. */
export function messageSchemas(roots: Iterable<DescMessage>): Record<string, JsonSchema> {
  const refs = new Set(roots);
  const schemas: Record<string, JsonSchema> = {};
  for (const message of refs) {
    if (schemas[message.typeName]) continue;
    schemas[message.typeName] = objectSchema(message.fields, refs, commentOf(message));
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}
