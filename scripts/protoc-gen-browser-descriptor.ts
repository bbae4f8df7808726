// A buf plugin: writes gen/browser/descriptor_pb.ts, the google/protobuf/descriptor.proto that
// browser bundles get instead of @bufbuild/protobuf's own (next.config.mjs aliases it). Run by
// `npm run generate` (buf.gen.yaml), output committed.
//
// Every generated file decodes its embedded descriptor with FileDescriptorProtoSchema, which is
// all the browser needs of descriptor_pb. The runtime's module also defines every descriptor
// enum as an object and a schema for each of its 30-odd messages, which no bundler can drop
// (TypeScript's enum objects are statements with side effects), and it boots all of
// descriptor.proto. The file booted here is the runtime's own, cut to what decoding embedded
// descriptors into the registry's descriptors needs; test/browser-descriptor.test.ts checks
// that every generated file decodes to the same descriptors with it as with the runtime's.
import { clearField, clone, create, isFieldSet } from "@bufbuild/protobuf";
import type { DescEnum } from "@bufbuild/protobuf";
import { createFileDescriptorProtoBoot } from "@bufbuild/protobuf/codegenv2";
import {
  CodeGeneratorResponse_Feature,
  CodeGeneratorResponseSchema,
  FieldOptionsSchema,
  FileDescriptorProtoSchema,
  file_google_protobuf_descriptor,
} from "@bufbuild/protobuf/wkt";
import type { DescriptorProto, FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { nestedTypes } from "@bufbuild/protobuf/reflect";
import { runNodeJs } from "@bufbuild/protoplugin";

const name = "protoc-gen-browser-descriptor";
const version = "3";

/** What browser bundles import from descriptor_pb: @bufbuild/protobuf's fileDesc, and Connect's transports. */
const browserMessages = ["google.protobuf.FileDescriptorProto"];
const browserEnums = ["google.protobuf.MethodOptions.IdempotencyLevel"];

/** The runtime's export name of a descriptor.proto type: MethodOptions_IdempotencyLevel. */
const localName = (typeName: string) => typeName.replace(/^google\.protobuf\./, "").replaceAll(".", "_");

/**
 * Fields no embedded descriptor carries: protoc-gen-es leaves source info out, and compilers
 * resolve options before plugins see them.
 */
const absentFields = new Set(["source_code_info", "uninterpreted_option"]);

/**
 * The options @bufbuild/protobuf's registry reads (createFileRegistry: deprecation, map entries,
 * packing, 64-bit JS types, idempotency, edition features). Others still decode, as unknown fields.
 */
const readOptions = new Set(["deprecated", "map_entry", "packed", "jstype", "idempotency_level", "features"]);

/**
 * descriptor.proto cut to the fields above and the messages and enums they reach from
 * FileDescriptorProto; its own fields keep the options the registry reads, too.
 */
function decodingDescriptor(proto: FileDescriptorProto): FileDescriptorProto {
  const cut = clone(FileDescriptorProtoSchema, proto);
  const messages = new Map<string, DescriptorProto>();
  const index = (message: DescriptorProto, scope: string) => {
    const typeName = `${scope}.${message.name}`;
    messages.set(typeName, message);
    message.field = message.field.filter(
      (field) => !absentFields.has(field.name) && (!message.name.endsWith("Options") || readOptions.has(field.name)),
    );
    for (const field of message.field) {
      const options = field.options;
      if (!options) continue;
      for (const option of FieldOptionsSchema.fields) if (!readOptions.has(option.name)) clearField(options, option);
      if (!FieldOptionsSchema.fields.some((option) => isFieldSet(options, option))) field.options = undefined;
    }
    for (const nested of message.nestedType) index(nested, typeName);
  };
  for (const message of cut.messageType) index(message, `.${cut.package}`);
  const reached = new Set<string>();
  const visit = (typeName: string) => {
    if (reached.has(typeName)) return;
    reached.add(typeName);
    // A nested type needs the messages it is declared in.
    const scope = typeName.slice(0, typeName.lastIndexOf("."));
    if (messages.has(scope)) visit(scope);
    for (const field of messages.get(typeName)?.field ?? []) if (field.typeName) visit(field.typeName);
  };
  visit(`.${cut.package}.FileDescriptorProto`);
  const prune = (scope: string, message: DescriptorProto) => {
    const typeName = `${scope}.${message.name}`;
    message.nestedType = message.nestedType.filter((nested) => reached.has(`${typeName}.${nested.name}`));
    message.enumType = message.enumType.filter((type) => reached.has(`${typeName}.${type.name}`));
    for (const nested of message.nestedType) prune(typeName, nested);
  };
  cut.messageType = cut.messageType.filter((message) => reached.has(`.${cut.package}.${message.name}`));
  for (const message of cut.messageType) prune(`.${cut.package}`, message);
  cut.enumType = cut.enumType.filter((type) => reached.has(`.${cut.package}.${type.name}`));
  return cut;
}

function descriptorModule(): string {
  const file = file_google_protobuf_descriptor;
  const cut = decodingDescriptor(file.proto);
  const lines = [
    `// @generated by ${name} v${version} from @bufbuild/protobuf's ${file.proto.name}: do not edit.`,
    "// Browser bundles only (next.config.mjs): what decoding generated files' descriptors needs, and",
    "// the enums Connect's transports use (see scripts/protoc-gen-browser-descriptor.ts).",
    "",
    'import type { GenFile, GenMessage } from "@bufbuild/protobuf/codegenv2";',
    'import { boot, messageDesc } from "@bufbuild/protobuf/codegenv2";',
    `import type { ${browserMessages.map(localName).join(", ")} } from "@bufbuild/protobuf/wkt";`,
    "",
    `export const file_google_protobuf_descriptor: GenFile = /*@__PURE__*/ boot(${JSON.stringify(createFileDescriptorProtoBoot(cut))});`,
  ];
  for (const typeName of browserMessages) {
    const index = cut.messageType.findIndex((message) => typeName === `${cut.package}.${message.name}`);
    if (index === -1) throw new Error(`${file.proto.name} has no top-level ${typeName}`);
    const type = localName(typeName);
    lines.push(
      "",
      `export const ${type}Schema: GenMessage<${type}> = /*@__PURE__*/ messageDesc(file_google_protobuf_descriptor, ${index});`,
    );
  }
  const enums = [...nestedTypes(file)].filter((type): type is DescEnum => type.kind === "enum");
  for (const typeName of browserEnums) {
    const desc = enums.find((type) => type.typeName === typeName);
    if (!desc) throw new Error(`${file.proto.name} has no ${typeName}`);
    lines.push("", `export enum ${localName(typeName)} {`);
    for (const value of desc.values) lines.push(`  ${value.localName} = ${value.number},`);
    lines.push("}");
  }
  return `${lines.join("\n")}\n`;
}

runNodeJs({
  name,
  version,
  run() {
    return create(CodeGeneratorResponseSchema, {
      supportedFeatures: BigInt(CodeGeneratorResponse_Feature.PROTO3_OPTIONAL),
      file: [{ name: "descriptor_pb.ts", content: descriptorModule() }],
    });
  },
});
