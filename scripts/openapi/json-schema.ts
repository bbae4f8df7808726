import { ScalarType } from "@bufbuild/protobuf";
import type { DescField, DescMessage } from "@bufbuild/protobuf";
import { FeatureSet_FieldPresence } from "@bufbuild/protobuf/wkt";
import { getComments } from "@bufbuild/protoplugin";

// Proto3 JSON as JSON Schema (2020-12, as OpenAPI 3.1 uses it): what a REST caller sends
// and receives, written from the descriptors so it cannot drift from the contract.

export type JsonSchema = Record<string, unknown>;

/**
 * Which way a message travels. Answers always carry the fields with implicit presence (the REST
 * layer writes proto3 JSON with `alwaysEmitImplicit`), so their schemas require those; requests
 * may leave any field out.
 */
export type Direction = "request" | "answer";

/** An element's leading comment from the .proto file, one space-trimmed line per line. */
export function commentOf(desc: Parameters<typeof getComments>[0]): string | undefined {
  const text = getComments(desc)
    .leading?.split("\n")
    .map((line) => line.trim())
    .join("\n")
    .trim();
  return text || undefined;
}

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

/** Builds schemas of fields and messages, collecting the component schemas they refer to. */
export type SchemaBuilder = {
  /** The schema of one field's value. */
  field(field: DescField, direction: Direction): JsonSchema;
  /** An object schema of some of a message's fields, keyed by their JSON names. */
  object(fields: readonly DescField[], direction: Direction, description?: string): JsonSchema;
  /** A reference to a message's component schema. */
  ref(message: DescMessage, direction: Direction): JsonSchema;
  /** The component schemas referred to so far, and those they refer to, by name. */
  components(): Record<string, JsonSchema>;
};

/**
 * A schema builder. `marked` says whether a field carries `(google.api.field_behavior) =
 * REQUIRED`: such a field is required in requests, and in answers, where it is how a message
 * field (which has no implicit presence) says every answer sets it.
 */
export function schemaBuilder(marked: (field: DescField) => boolean): SchemaBuilder {
  // A message used by requests and answers alike gets a schema for each: they differ in `required`.
  const referred = new Map<string, { message: DescMessage; direction: Direction }>();
  const componentName = (message: DescMessage, direction: Direction) =>
    direction === "answer" ? message.typeName : `${message.typeName}.Request`;

  const isRequired = (field: DescField, direction: Direction) => {
    if (marked(field)) return true;
    if (direction === "request" || field.oneof !== undefined) return false;
    // What alwaysEmitImplicit writes: every field without explicit presence.
    return (
      field.fieldKind === "list" || field.fieldKind === "map" || field.presence === FeatureSet_FieldPresence.IMPLICIT
    );
  };

  const builder: SchemaBuilder = {
    ref(message, direction) {
      const name = componentName(message, direction);
      referred.set(name, { message, direction });
      return { $ref: `#/components/schemas/${name}` };
    },
    field(field, direction) {
      const single = (
        kind: "scalar" | "enum" | "message",
        scalar?: ScalarType,
        message?: DescMessage,
        values?: string[],
      ): JsonSchema => {
        if (kind === "scalar") return scalarSchemas[scalar!];
        if (kind === "enum") return { type: "string", enum: values };
        return wellKnownSchemas[message!.typeName] ?? builder.ref(message!, direction);
      };
      const enumValues = field.enum?.values.map((v) => v.name);
      let schema: JsonSchema;
      switch (field.fieldKind) {
        case "scalar":
          schema = single("scalar", field.scalar);
          break;
        case "enum":
          schema = single("enum", undefined, undefined, enumValues);
          break;
        case "message":
          schema = single("message", undefined, field.message);
          break;
        case "list":
          schema = { type: "array", items: single(field.listKind, field.scalar, field.message, enumValues) };
          break;
        case "map":
          schema = {
            type: "object",
            additionalProperties: single(field.mapKind, field.scalar, field.message, enumValues),
          };
          break;
      }
      const description = commentOf(field);
      return description ? { ...schema, description } : schema;
    },
    object(fields, direction, description) {
      const required = fields.filter((field) => isRequired(field, direction)).map((field) => field.jsonName);
      return {
        type: "object",
        ...(description && { description }),
        properties: Object.fromEntries(fields.map((field) => [field.jsonName, builder.field(field, direction)])),
        ...(required.length > 0 && { required }),
        additionalProperties: false,
      };
    },
    components() {
      const schemas: Record<string, JsonSchema> = {};
      // Building a schema may refer to further messages, which the loop then reaches too.
      for (const [name, { message, direction }] of referred) {
        schemas[name] ??= builder.object(message.fields, direction, commentOf(message));
      }
      return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
    },
  };
  return builder;
}
