import { toBinary } from "@bufbuild/protobuf";
import type { DescFile, DescService } from "@bufbuild/protobuf";
import { nestedTypes } from "@bufbuild/protobuf/reflect";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";

/** What reflection can look up: built from the generated descriptors of the served services. */
export type DescriptorIndex = {
  /** Fully-qualified names of the services, sorted. */
  serviceNames: string[];
  /** The serialized FileDescriptorProto of `fileName` and of every file it imports, transitively. */
  fileWithDependencies(fileName: string): Uint8Array[] | undefined;
  /** The file that declares `symbol` (a message, enum, service, method or extension). */
  fileDeclaring(symbol: string): string | undefined;
  /** The file that declares extension `number` of `typeName`. */
  fileExtending(typeName: string, number: number): string | undefined;
  /** The extension numbers known for `typeName`, or undefined for an unknown type. */
  extensionNumbers(typeName: string): number[] | undefined;
};

/** Indexes the files of `services` and everything they import, from the generated code's own descriptors. */
export function createDescriptorIndex(services: readonly DescService[]): DescriptorIndex {
  const files = new Map<string, DescFile>();
  const addFile = (file: DescFile): void => {
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, file);
    file.dependencies.forEach(addFile);
  };
  services.forEach((service) => addFile(service.file));

  const symbols = new Map<string, string>();
  const messages = new Set<string>();
  const extensions = new Map<string, Map<number, string>>();
  for (const [fileName, file] of files) {
    for (const type of nestedTypes(file)) {
      symbols.set(type.typeName, fileName);
      if (type.kind === "message") messages.add(type.typeName);
      if (type.kind === "service")
        type.methods.forEach((method) => symbols.set(`${type.typeName}.${method.name}`, fileName));
      if (type.kind === "extension") {
        const byNumber = extensions.get(type.extendee.typeName) ?? new Map<number, string>();
        extensions.set(type.extendee.typeName, byNumber.set(type.number, fileName));
      }
    }
  }

  const serialized = new Map<string, Uint8Array>();
  const bytesOf = (file: DescFile) => {
    let bytes = serialized.get(file.proto.name);
    if (!bytes) serialized.set(file.proto.name, (bytes = toBinary(FileDescriptorProtoSchema, file.proto)));
    return bytes;
  };

  return {
    serviceNames: [...new Set(services.map((service) => service.typeName))].sort(),
    fileWithDependencies(fileName) {
      const file = files.get(fileName);
      if (!file) return undefined;
      // The requested file first, as clients expect; then its imports, each once.
      const seen = new Set<DescFile>();
      const visit = (next: DescFile): void => {
        if (seen.has(next)) return;
        seen.add(next);
        next.dependencies.forEach(visit);
      };
      visit(file);
      return [...seen].map(bytesOf);
    },
    fileDeclaring: (symbol) => symbols.get(symbol.replace(/^\./, "")),
    fileExtending: (typeName, number) => extensions.get(typeName)?.get(number),
    extensionNumbers: (typeName) =>
      messages.has(typeName) ? [...(extensions.get(typeName)?.keys() ?? [])].sort((a, b) => a - b) : undefined,
  };
}
