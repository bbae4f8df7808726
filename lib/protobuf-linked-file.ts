import type {
  DescEnum,
  DescEnumValue,
  DescField,
  DescFile,
  DescMessage,
  DescMethod,
  DescOneof,
  DescService,
} from "@bufbuild/protobuf";
import { protoCamelCase, safeObjectProperty } from "@bufbuild/protobuf/reflect";

// Browser bundles build the descriptors of the generated files they use from these tables
// (gen/browser/, written by scripts/protoc-gen-browser-descriptor.ts) instead of decoding
// embedded FileDescriptorProto bytes with @bufbuild/protobuf's registry: the registry, its
// descriptor.proto and the bytes cost about 9 kB gzip of every page, this about 3. What is made
// here is what the registry makes of a proto3 file, property for property except `proto`
// (test/browser-descriptor.test.ts compares every export with the runtime's).

/** [name, number, type (FieldDescriptorProto.Type), type name, label, oneof index (-1: none), flags] */
export type LinkedField = [string, number, number, string?, number?, number?, number?];
/** [name, fields, nested messages, nested enums, oneof names, flags] */
export type LinkedMessage = [string, LinkedField[]?, LinkedMessage[]?, LinkedEnum[]?, string[]?, number?];
/** [name, [value name, number, flags][], flags] */
export type LinkedEnum = [string, [string, number, number?][], number?];
/** [name, input type name, output type name, method kind, idempotency level, flags] */
export type LinkedMethod = [string, string, string, DescMethod["methodKind"]?, number?, number?];
/** [name, methods, flags] */
export type LinkedService = [string, LinkedMethod[]?, number?];

/** Flags: an element marked `deprecated` (any kind). */
export const deprecatedFlag = 1;
/** Flags: a field declared `optional` in proto3. */
export const proto3OptionalFlag = 2;
/** Flags: a 64-bit field with `[jstype = JS_STRING]`. */
export const longAsStringFlag = 4;
/** Flags: a repeated scalar field with `[packed = false]`. */
export const unpackedFlag = 8;
/** Flags: a message that is a map's entry. */
export const mapEntryFlag = 16;

const repeated = 3;
const enumType = 14;
const messageType = 11;
const explicitPresence = 1;
const implicitPresence = 2;
const proto3Edition = 999;

// The registry's descriptors carry the FileDescriptorProto parts they came from; nothing the
// browser runs reads them, so reading one fails loudly instead of returning nothing.
const withoutProto = Object.freeze({
  get proto(): never {
    throw new Error("descriptor protos are not bundled for the browser (lib/protobuf-linked-file.ts)");
  },
});
const described = <T>(properties: Omit<T, "proto">): T =>
  Object.assign(Object.create(withoutProto) as object, properties) as T;

type Scope = { typeName: string };
/** Map entries are types a map field refers to, but no message of the file or of its parent. */
const mapEntries = new WeakSet<DescMessage>();
type Types = Map<string, DescMessage | DescEnum>;

/** What the registry would make of a proto3 file, given the tables the plugin wrote for it. */
export function linkFile(
  protoName: string,
  packageName: string,
  dependencies: DescFile[],
  messages: LinkedMessage[],
  enums: LinkedEnum[] = [],
  services: LinkedService[] = [],
  flags = 0,
): DescFile {
  const file = described<DescFile>({
    kind: "file",
    deprecated: (flags & deprecatedFlag) !== 0,
    edition: proto3Edition,
    name: protoName.replace(/\.proto$/, ""),
    dependencies,
    enums: [],
    messages: [],
    extensions: [],
    services: [],
    toString: () => `file ${protoName}`,
  });
  const types: Types = new Map();
  const added = new Set<DescFile>();
  // Each file once: imports are shared (order_bulk.proto and order.proto both import timestamp.proto).
  const addTypes = (from: DescFile) => {
    if (added.has(from)) return;
    added.add(from);
    from.dependencies.forEach(addTypes);
    const addMessage = (message: DescMessage) => {
      types.set(message.typeName, message);
      message.nestedEnums.forEach((nested) => types.set(nested.typeName, nested));
      message.nestedMessages.forEach(addMessage);
    };
    from.messages.forEach(addMessage);
    from.enums.forEach((type) => types.set(type.typeName, type));
  };
  dependencies.forEach(addTypes);
  const packageScope = { typeName: packageName };
  for (const spec of enums) file.enums.push(linkEnum(spec, file, undefined, packageScope, types));
  const linkFields: (() => void)[] = [];
  for (const spec of messages) linkMessage(spec, file, undefined, packageScope, types, linkFields);
  for (const spec of services) file.services.push(linkService(spec, file, packageScope, types));
  linkFields.forEach((link) => link());
  return file;
}

function typeNameIn(scope: Scope, name: string): string {
  return scope.typeName ? `${scope.typeName}.${name}` : name;
}

function found<T>(type: T | undefined, typeName: string): T {
  if (!type) throw new Error(`linked descriptor: ${typeName} not found`);
  return type;
}

function linkEnum(
  [name, values, flags = 0]: LinkedEnum,
  file: DescFile,
  parent: DescMessage | undefined,
  scope: Scope,
  types: Types,
): DescEnum {
  const sharedPrefix = enumValuePrefix(name, values);
  const desc = described<DescEnum>({
    kind: "enum",
    deprecated: (flags & deprecatedFlag) !== 0,
    file,
    parent,
    open: true,
    name,
    typeName: typeNameIn(scope, name),
    value: {},
    values: [],
    sharedPrefix,
    toString() {
      return `enum ${this.typeName}`;
    },
  });
  for (const [valueName, number, valueFlags = 0] of values) {
    const value = described<DescEnumValue>({
      kind: "enum_value",
      deprecated: (valueFlags & deprecatedFlag) !== 0,
      parent: desc,
      name: valueName,
      localName: safeObjectProperty(sharedPrefix ? valueName.substring(sharedPrefix.length) : valueName),
      number,
      toString: () => `enum value ${desc.typeName}.${valueName}`,
    });
    desc.values.push((desc.value[number] = value));
  }
  types.set(desc.typeName, desc);
  return desc;
}

/** The prefix every value name shares with the enum's name (ORDER_STATUS_ of OrderStatus), as the registry finds it. */
function enumValuePrefix(enumName: string, values: LinkedEnum[1]): string | undefined {
  const prefix =
    `${enumName.substring(0, 1)}${enumName.substring(1).replace(/[A-Z]/g, (c) => `_${c}`)}`.toLowerCase() + "_";
  for (const [name] of values) {
    if (!name.toLowerCase().startsWith(prefix)) return undefined;
    const rest = name.substring(prefix.length);
    if (rest.length === 0 || /^\d/.test(rest)) return undefined;
  }
  return prefix;
}

function linkMessage(
  [name, fields = [], nested = [], enums = [], oneofNames = [], flags = 0]: LinkedMessage,
  file: DescFile,
  parent: DescMessage | undefined,
  scope: Scope,
  types: Types,
  linkFields: (() => void)[],
): DescMessage {
  const desc = described<DescMessage>({
    kind: "message",
    deprecated: (flags & deprecatedFlag) !== 0,
    file,
    parent,
    name,
    typeName: typeNameIn(scope, name),
    fields: [],
    field: {},
    oneofs: [],
    members: [],
    nestedEnums: [],
    nestedMessages: [],
    nestedExtensions: [],
    toString() {
      return `message ${this.typeName}`;
    },
  });
  types.set(desc.typeName, desc);
  if (flags & mapEntryFlag) mapEntries.add(desc);
  else (parent?.nestedMessages ?? file.messages).push(desc);
  for (const spec of enums) desc.nestedEnums.push(linkEnum(spec, file, desc, desc, types));
  for (const spec of nested) linkMessage(spec, file, desc, desc, types, linkFields);
  const link = () => {
    const oneofs = oneofNames.map((oneofName) =>
      described<DescOneof>({
        kind: "oneof",
        deprecated: false,
        parent: desc,
        fields: [],
        name: oneofName,
        localName: safeObjectProperty(protoCamelCase(oneofName)),
        toString() {
          return `oneof ${desc.typeName}.${this.name}`;
        },
      }),
    );
    for (const spec of fields) {
      const oneof = oneofs[spec[5] ?? -1];
      const field = linkField(spec, desc, oneof, types);
      desc.fields.push(field);
      desc.field[field.localName] = field;
      if (!oneof) desc.members.push(field);
      else if (oneof.fields.push(field) === 1) desc.members.push(oneof);
    }
    desc.oneofs.push(...oneofs.filter((oneof) => oneof.fields.length > 0));
  };
  // Map entries first, as the registry does: a map field reads its entry's fields.
  if (flags & mapEntryFlag) linkFields.unshift(link);
  else linkFields.push(link);
  return desc;
}

function linkField(
  [name, number, type, typeName = "", label = 1, , flags = 0]: LinkedField,
  parent: DescMessage,
  oneof: DescOneof | undefined,
  types: Types,
): DescField {
  const isMessage = type === messageType;
  const presence =
    label === repeated
      ? implicitPresence
      : oneof || (flags & proto3OptionalFlag) !== 0 || isMessage
        ? explicitPresence
        : implicitPresence;
  const field = {
    kind: "field",
    deprecated: (flags & deprecatedFlag) !== 0,
    name,
    number,
    scalar: undefined,
    message: undefined,
    enum: undefined,
    presence,
    utf8Validation: true,
    listKind: undefined,
    mapKind: undefined,
    mapKey: undefined,
    delimitedEncoding: undefined,
    packed: undefined,
    longAsString: false,
    getDefaultValue: undefined,
    parent,
    oneof,
    localName: oneof ? protoCamelCase(name) : safeObjectProperty(protoCamelCase(name)),
    jsonName: protoCamelCase(name),
    toString: () => `field ${parent.typeName}.${name}`,
  } as Record<string, unknown>;
  const referenced = typeName ? found(types.get(typeName), typeName) : undefined;
  if (label === repeated) {
    if (referenced?.kind === "message" && mapEntries.has(referenced)) {
      const [key, value] = referenced.fields as [DescField, DescField];
      return described<DescField>({
        ...field,
        fieldKind: "map",
        mapKey: key.scalar,
        mapKind: value.fieldKind,
        message: value.message,
        delimitedEncoding: false,
        enum: value.enum,
        scalar: value.scalar,
      } as never);
    }
    return described<DescField>({
      ...field,
      fieldKind: "list",
      ...(isMessage
        ? { listKind: "message", message: referenced, delimitedEncoding: false }
        : type === enumType
          ? { listKind: "enum", enum: referenced }
          : { listKind: "scalar", scalar: type, longAsString: (flags & longAsStringFlag) !== 0 }),
      // Strings, bytes and messages are never packed; proto3 packs every other repeated field.
      packed: !isMessage && type !== 9 && type !== 12 && (flags & unpackedFlag) === 0,
    } as never);
  }
  return described<DescField>({
    ...field,
    getDefaultValue: () => undefined,
    ...(isMessage
      ? { fieldKind: "message", message: referenced, delimitedEncoding: false }
      : type === enumType
        ? { fieldKind: "enum", enum: referenced }
        : { fieldKind: "scalar", scalar: type, longAsString: (flags & longAsStringFlag) !== 0 }),
  } as never);
}

function linkService(
  [name, methods = [], flags = 0]: LinkedService,
  file: DescFile,
  scope: Scope,
  types: Types,
): DescService {
  const desc = described<DescService>({
    kind: "service",
    deprecated: (flags & deprecatedFlag) !== 0,
    file,
    name,
    typeName: typeNameIn(scope, name),
    methods: [],
    method: {},
    toString() {
      return `service ${this.typeName}`;
    },
  });
  for (const [methodName, input, output, methodKind = "unary", idempotency = 0, methodFlags = 0] of methods) {
    const method = described<DescMethod>({
      kind: "rpc",
      deprecated: (methodFlags & deprecatedFlag) !== 0,
      parent: desc,
      name: methodName,
      localName: safeObjectProperty(safeObjectProperty(methodName.charAt(0).toLowerCase() + methodName.substring(1))),
      methodKind,
      input: found(types.get(input), input) as DescMessage,
      output: found(types.get(output), output) as DescMessage,
      idempotency,
      toString: () => `rpc ${desc.typeName}.${methodName}`,
    } as never);
    desc.methods.push(method);
    desc.method[method.localName] = method;
  }
  return desc;
}
