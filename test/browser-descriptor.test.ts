// Browser bundles decode every generated file's descriptor with gen/browser/descriptor_pb.ts, a
// cut of descriptor.proto (next.config.mjs). Decoded with it, each file must give the registry
// exactly the descriptors the runtime's full descriptor.proto gives.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createFileRegistry, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescField, DescFile } from "@bufbuild/protobuf";
import { nestedTypes } from "@bufbuild/protobuf/reflect";
import { FileDescriptorProtoSchema, file_google_protobuf_descriptor } from "@bufbuild/protobuf/wkt";
import {
  MethodOptions_IdempotencyLevel,
  FileDescriptorProtoSchema as BrowserFileDescriptorProtoSchema,
} from "../gen/browser/descriptor_pb";
import { file_check_check } from "../gen/check/check_pb";
import { file_echo_echo } from "../gen/echo/echo_pb";
import { file_google_api_annotations } from "../gen/google/api/annotations_pb";
import { file_google_api_field_behavior } from "../gen/google/api/field_behavior_pb";
import { file_google_rpc_error_details } from "../gen/google/rpc/error_details_pb";
import { file_grpc_reflection_v1_reflection } from "../gen/grpc/reflection/v1/reflection_pb";
import { file_grpc_reflection_v1alpha_reflection } from "../gen/grpc/reflection/v1alpha/reflection_pb";
import { file_health_v1_health } from "../gen/health/v1/health_pb";
import { file_order_order } from "../gen/order/order_pb";
import { file_order_order_bulk } from "../gen/order/order_bulk_pb";
import { file_order_order_history } from "../gen/order/order_history_pb";
import { file_google_api_httpbody } from "../gen/google/api/httpbody_pb";
import { MethodOptions_IdempotencyLevel as RuntimeIdempotencyLevel } from "@bufbuild/protobuf/wkt";

const generated = [
  file_order_order,
  file_order_order_history,
  file_order_order_bulk,
  file_google_api_httpbody,
  file_check_check,
  file_echo_echo,
  file_google_api_annotations,
  file_google_api_field_behavior,
  file_google_rpc_error_details,
  file_health_v1_health,
  file_grpc_reflection_v1_reflection,
  file_grpc_reflection_v1alpha_reflection,
];

/** Each file and the files it imports, imports first; descriptor.proto itself is booted, not decoded. */
function withImports(files: DescFile[]): DescFile[] {
  const ordered: DescFile[] = [];
  const add = (file: DescFile) => {
    if (ordered.includes(file) || file === file_google_protobuf_descriptor) return;
    file.dependencies.forEach(add);
    ordered.push(file);
  };
  files.forEach(add);
  return ordered;
}

// What the registry says of a field (some only of some kinds of field).
const fieldProperties = [
  "name",
  "number",
  "localName",
  "jsonName",
  "fieldKind",
  "scalar",
  "listKind",
  "mapKind",
  "mapKey",
  "packed",
  "presence",
  "longAsString",
  "delimitedEncoding",
  "deprecated",
] as const;

function fieldFacts(field: DescField) {
  const properties = field as unknown as Record<string, unknown>;
  return {
    ...Object.fromEntries(fieldProperties.map((property) => [property, properties[property]])),
    enum: field.enum?.typeName,
    message: field.message?.typeName,
    oneof: field.oneof?.name,
  };
}

/** What the registry made of a file: everything the runtime reads from a descriptor. */
function described(file: DescFile) {
  return [...nestedTypes(file)].map((type) => {
    switch (type.kind) {
      case "message":
        return {
          typeName: type.typeName,
          deprecated: type.deprecated,
          fields: type.fields.map(fieldFacts),
        };
      case "enum":
        return {
          typeName: type.typeName,
          open: type.open,
          deprecated: type.deprecated,
          values: type.values.map(({ name, number, localName }) => ({ name, number, localName })),
        };
      case "service":
        return {
          typeName: type.typeName,
          deprecated: type.deprecated,
          methods: type.methods.map((method) => ({
            name: method.name,
            methodKind: method.methodKind,
            idempotency: method.idempotency,
            input: method.input.typeName,
            output: method.output.typeName,
            deprecated: method.deprecated,
          })),
        };
      case "extension":
        return { typeName: type.typeName, extendee: type.extendee.typeName, number: type.number };
    }
  });
}

test("every generated file decodes to the same descriptors with the browser's descriptor.proto", () => {
  const decoded = new Map<string, DescFile>([
    [file_google_protobuf_descriptor.proto.name, file_google_protobuf_descriptor],
  ]);
  const files = withImports(generated);
  assert.ok(files.length > generated.length, "the generated files' imports are checked as well");
  for (const file of files) {
    const bytes = toBinary(FileDescriptorProtoSchema, file.proto);
    const proto = fromBinary(BrowserFileDescriptorProtoSchema, bytes);
    const browserFile = createFileRegistry(proto, (name) => decoded.get(name)).getFile(file.proto.name);
    assert.ok(browserFile, file.proto.name);
    decoded.set(file.proto.name, browserFile);
    assert.deepEqual(described(browserFile), described(file), file.proto.name);
  }
});

test("the browser's IdempotencyLevel is the runtime's", () => {
  assert.deepEqual({ ...MethodOptions_IdempotencyLevel }, { ...RuntimeIdempotencyLevel });
});
