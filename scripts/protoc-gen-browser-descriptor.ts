// A buf plugin: writes gen/browser/, the descriptors browser bundles use instead of the
// generated files' (next.config.mjs aliases them, from gen/browser/aliases.json). Run by
// `npm run generate` (buf.gen.yaml), output committed.
//
// Every file protoc-gen-es writes embeds its FileDescriptorProto as bytes, which
// @bufbuild/protobuf's registry decodes with descriptor.proto's schema and links into
// descriptors when the module loads. For each file the pages use, and each file whose types
// those use, this writes a module with the same exports that builds the linked descriptors from
// small tables instead (lib/protobuf-linked-file.ts): about 6 kB gzip less on every page.
// test/browser-descriptor.test.ts checks every export against the generated one.
import { posix } from "node:path";
import { create, createFileRegistry, isFieldSet } from "@bufbuild/protobuf";
import type { DescEnum, DescFile, DescMessage } from "@bufbuild/protobuf";
import {
  CodeGeneratorResponse_Feature,
  CodeGeneratorResponseSchema,
  Edition,
  FieldDescriptorProtoSchema,
  FieldOptions_JSType,
  FieldOptionsSchema,
  FileDescriptorSetSchema,
  MethodOptions_IdempotencyLevel,
} from "@bufbuild/protobuf/wkt";
import type { DescriptorProto, EnumDescriptorProto, FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import { nestedTypes, protoCamelCase } from "@bufbuild/protobuf/reflect";
import { runNodeJs } from "@bufbuild/protoplugin";
import {
  deprecatedFlag,
  longAsStringFlag,
  mapEntryFlag,
  proto3OptionalFlag,
  unpackedFlag,
} from "../lib/protobuf-linked-file";
import type { LinkedEnum, LinkedField, LinkedMessage, LinkedMethod, LinkedService } from "../lib/protobuf-linked-file";

const name = "protoc-gen-browser-descriptor";
const version = "4";

/** The generated modules the pages import (app/, components/, lib/). */
const browserFiles = ["order/order.proto", "order/order_bulk.proto", "order/order_history.proto"];

/** Well-known types come from @bufbuild/protobuf/wkt, whose modules import them by these names. */
const wellKnownPrefix = "google/protobuf/";

const modulePath = (protoName: string) => protoName.replace(/\.proto$/, "_pb");

/** protoc-gen-es's export names: file_order_order, Outer_InnerSchema, Outer_Inner (enums). */
const fileExport = (file: DescFile) => `file_${file.name.replace(/[^A-Za-z0-9]/g, "_")}`;
function typeExport(desc: DescMessage | DescEnum): string {
  const names = [desc.name];
  for (let parent = desc.parent; parent; parent = parent.parent) names.unshift(parent.name);
  return names.join("_");
}

/** Leaves out trailing defaults, so the tables hold what differs from the common case. */
function trimmed<T extends unknown[]>(tuple: T, defaults: unknown[]): T {
  let length = tuple.length;
  while (length > 0 && JSON.stringify(tuple[length - 1]) === JSON.stringify(defaults[length - 1])) length--;
  return tuple.slice(0, length) as T;
}

const flag = (set: boolean | undefined, value: number) => (set ? value : 0);

/** The index of the oneof a field is declared in; descriptor.proto is proto2, so an unset index reads 0. */
function declaredOneof(field: FieldDescriptorProto): number | undefined {
  return isFieldSet(field, FieldDescriptorProtoSchema.field.oneofIndex) ? field.oneofIndex : undefined;
}

function linkedField(field: FieldDescriptorProto, oneofs: number[]): LinkedField {
  if (field.jsonName && field.jsonName !== protoCamelCase(field.name)) {
    throw new Error(`${name}: field ${field.name} sets json_name, which browser descriptors do not carry`);
  }
  const declared = declaredOneof(field);
  const oneof = field.proto3Optional || declared === undefined ? -1 : oneofs.indexOf(declared);
  const options = field.options;
  const flags =
    flag(options?.deprecated, deprecatedFlag) |
    flag(field.proto3Optional, proto3OptionalFlag) |
    flag(options?.jstype === FieldOptions_JSType.JS_STRING, longAsStringFlag) |
    flag(options && isFieldSet(options, FieldOptionsSchema.field.packed) && !options.packed, unpackedFlag);
  return trimmed<LinkedField>(
    [field.name, field.number, field.type, field.typeName.replace(/^\./, ""), field.label, oneof, flags],
    [undefined, undefined, undefined, "", 1, -1, 0],
  );
}

function linkedEnum(type: EnumDescriptorProto): LinkedEnum {
  const values = type.value.map((value): LinkedEnum[1][number] =>
    trimmed([value.name, value.number, flag(value.options?.deprecated, deprecatedFlag)], [undefined, undefined, 0]),
  );
  return trimmed<LinkedEnum>([type.name, values, flag(type.options?.deprecated, deprecatedFlag)], [undefined, [], 0]);
}

function linkedMessage(message: DescriptorProto): LinkedMessage {
  // Real oneofs only: a proto3 `optional` field's synthetic oneof is no oneof to the runtime.
  const oneofs = message.oneofDecl
    .map((_, index) => index)
    .filter((index) => message.field.some((field) => declaredOneof(field) === index && !field.proto3Optional));
  const flags = flag(message.options?.deprecated, deprecatedFlag) | flag(message.options?.mapEntry, mapEntryFlag);
  return trimmed<LinkedMessage>(
    [
      message.name,
      message.field.map((field) => linkedField(field, oneofs)),
      message.nestedType.map(linkedMessage),
      message.enumType.map(linkedEnum),
      oneofs.map((index) => message.oneofDecl[index]!.name),
      flags,
    ],
    [undefined, [], [], [], [], 0],
  );
}

function linkedServices(file: DescFile): LinkedService[] {
  return file.services.map((service) =>
    trimmed<LinkedService>(
      [
        service.name,
        service.methods.map((method) =>
          trimmed<LinkedMethod>(
            [
              method.name,
              method.input.typeName,
              method.output.typeName,
              method.methodKind,
              method.idempotency,
              flag(method.deprecated, deprecatedFlag),
            ],
            [undefined, undefined, undefined, "unary", MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN, 0],
          ),
        ),
        flag(service.deprecated, deprecatedFlag),
      ],
      [undefined, [], 0],
    ),
  );
}

/** The files a file takes types from: imports used for their options alone are left out. */
function typeSources(file: DescFile): DescFile[] {
  const used = new Set<string>();
  for (const type of nestedTypes(file)) {
    if (type.kind === "message") {
      for (const field of type.fields) {
        const target = field.message ?? field.enum;
        if (target) used.add(target.file.proto.name);
      }
    } else if (type.kind === "service") {
      for (const method of type.methods) used.add(method.input.file.proto.name).add(method.output.file.proto.name);
    }
  }
  return file.dependencies.filter((dependency) => used.has(dependency.proto.name));
}

/** Where a type is in its file, as messageDesc and enumDesc take it: the top-level index, then each nested one. */
function indexPath(file: DescFile, desc: DescMessage | DescEnum): number[] {
  const indexes: number[] = [];
  let child: DescMessage | DescEnum = desc;
  for (let parent = desc.parent; parent; child = parent, parent = parent.parent) {
    indexes.unshift(child.kind === "enum" ? parent.nestedEnums.indexOf(child) : parent.nestedMessages.indexOf(child));
  }
  const top = child.kind === "enum" ? file.enums.indexOf(child) : file.messages.indexOf(child);
  return [top, ...indexes];
}

/** The codegenv2 functions a module uses: messageDesc, and enumDesc and serviceDesc where it has those. */
function descImports(file: DescFile): string {
  const kinds = new Set([...nestedTypes(file)].map((type) => type.kind));
  const used = [
    kinds.has("enum") && "enumDesc",
    kinds.has("message") && "messageDesc",
    kinds.has("service") && "serviceDesc",
  ];
  return used.filter(Boolean).join(", ");
}

function browserModule(file: DescFile, sources: DescFile[]): string {
  if (file.edition !== Edition.EDITION_PROTO3) throw new Error(`${name}: ${file.proto.name} is not proto3`);
  if ([...nestedTypes(file)].some((type) => type.kind === "extension")) {
    throw new Error(`${name}: ${file.proto.name} declares extensions, which browser descriptors do not carry`);
  }
  const path = modulePath(file.proto.name);
  /** An import of a file in the project, from this module's folder in gen/browser/. */
  const relative = (to: string) => {
    const target = posix.relative(posix.dirname(`/gen/browser/${path}`), `/${to}`);
    return target.startsWith(".") ? target : `./${target}`;
  };
  const generated = file.proto.name.startsWith(wellKnownPrefix) ? "@bufbuild/protobuf/wkt" : relative(`gen/${path}`);
  const self = fileExport(file);
  const lines = [
    `// @generated by ${name} v${version} from ${file.proto.name}: do not edit.`,
    `// Browser bundles only (next.config.mjs): the runtime exports of ${generated.replace(/^(\.\.\/)+/, "gen/")},`,
    "// linked from tables instead of decoded (see scripts/protoc-gen-browser-descriptor.ts).",
    "",
    `import type * as generated from "${generated}";`,
    `import { ${descImports(file)} } from "@bufbuild/protobuf/codegenv2";`,
    `import { linkFile } from "${relative("lib/protobuf-linked-file")}";`,
    ...sources.map(
      (source) =>
        `import { ${fileExport(source)} } from "${relative(`gen/browser/${modulePath(source.proto.name)}`)}";`,
    ),
    "",
    `export const ${self}: typeof generated.${self} = /*@__PURE__*/ linkFile(`,
    `  ${JSON.stringify(file.proto.name)},`,
    `  ${JSON.stringify(file.proto.package)},`,
    `  [${sources.map(fileExport).join(", ")}],`,
    `  ${JSON.stringify(file.proto.messageType.map(linkedMessage))},`,
    `  ${JSON.stringify(file.proto.enumType.map(linkedEnum))},`,
    `  ${JSON.stringify(linkedServices(file))},`,
    `  ${flag(file.deprecated, deprecatedFlag)},`,
    ");",
  ];
  for (const type of nestedTypes(file)) {
    if (type.kind === "message") {
      const exported = `${typeExport(type)}Schema`;
      lines.push(
        "",
        `export const ${exported}: typeof generated.${exported} = /*@__PURE__*/ messageDesc(${[self, ...indexPath(file, type)].join(", ")});`,
      );
    } else if (type.kind === "enum") {
      const exported = typeExport(type);
      lines.push(
        "",
        `export const ${exported}Schema: typeof generated.${exported}Schema = /*@__PURE__*/ enumDesc(${[self, ...indexPath(file, type)].join(", ")});`,
        "",
        `export enum ${exported} {`,
        ...type.values.map((value) => `  ${value.localName} = ${value.number},`),
        "}",
      );
    } else if (type.kind === "service") {
      lines.push(
        "",
        `export const ${type.name}: typeof generated.${type.name} = /*@__PURE__*/ serviceDesc(${self}, ${file.services.indexOf(type)});`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Connect's transports read MethodOptions.IdempotencyLevel from @bufbuild/protobuf/wkt's descriptor_pb. */
function descriptorModule(): string {
  return [
    `// @generated by ${name} v${version}: do not edit.`,
    "// Browser bundles only (next.config.mjs): what they use of google/protobuf/descriptor.proto,",
    "// the enum Connect's transports read (see scripts/protoc-gen-browser-descriptor.ts).",
    "",
    "export enum MethodOptions_IdempotencyLevel {",
    ...Object.entries(MethodOptions_IdempotencyLevel)
      .filter(([, value]) => typeof value === "number")
      .map(([key, value]) => `  ${key} = ${value},`),
    "}",
    "",
  ].join("\n");
}

runNodeJs({
  name,
  version,
  run(request) {
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: request.protoFile }));
    const files = new Map<string, DescFile[]>();
    const add = (protoName: string) => {
      if (files.has(protoName)) return;
      const file = registry.getFile(protoName);
      if (!file) throw new Error(`${name}: ${protoName} is not in the request`);
      const sources = typeSources(file);
      files.set(protoName, sources);
      for (const source of sources) add(source.proto.name);
    };
    browserFiles.forEach(add);
    // Bundlers resolve these names to gen/browser/: ours as the app imports them, the
    // well-known types as @bufbuild/protobuf/wkt's own modules import them.
    const aliases: Record<string, string> = {
      "./gen/google/protobuf/descriptor_pb.js": "./gen/browser/descriptor_pb.ts",
      "../wkt/gen/google/protobuf/descriptor_pb.js": "./gen/browser/descriptor_pb.ts",
    };
    for (const protoName of [...files.keys()].sort()) {
      const target = `./gen/browser/${modulePath(protoName)}.ts`;
      if (protoName.startsWith(wellKnownPrefix)) aliases[`./gen/${modulePath(protoName)}.js`] = target;
      else aliases[`@/gen/${modulePath(protoName)}`] = target;
    }
    return create(CodeGeneratorResponseSchema, {
      supportedFeatures: BigInt(CodeGeneratorResponse_Feature.PROTO3_OPTIONAL),
      file: [
        { name: "descriptor_pb.ts", content: descriptorModule() },
        { name: "aliases.json", content: `${JSON.stringify(aliases, null, 2)}\n` },
        ...[...files].map(([protoName, sources]) => ({
          name: `${modulePath(protoName)}.ts`,
          content: browserModule(registry.getFile(protoName)!, sources),
        })),
      ],
    });
  },
});
