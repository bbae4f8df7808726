// A buf plugin: writes the OpenAPI document of the REST routes that the services'
// google.api.http rules declare. Run by `npm run generate` (buf.gen.yaml), output committed.
import { create, createFileRegistry, getOption, hasOption } from "@bufbuild/protobuf";
import type { DescField, DescService } from "@bufbuild/protobuf";
import {
  CodeGeneratorResponse_Feature,
  CodeGeneratorResponseSchema,
  FileDescriptorSetSchema,
} from "@bufbuild/protobuf/wkt";
import { runNodeJs } from "@bufbuild/protoplugin";
import { openApiDocument } from "./openapi/openapi-document";

const name = "protoc-gen-openapi";
const version = "2";

runNodeJs({
  name,
  version,
  run(request) {
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: request.protoFile }));
    const services: DescService[] = [];
    for (const fileName of request.fileToGenerate) {
      const file = registry.getFile(fileName);
      if (file) services.push(...file.services);
    }
    // Read from the request's own descriptors: gen/ may not hold field_behavior_pb yet.
    const behavior = registry.getExtension("google.api.field_behavior");
    const required = registry.getEnum("google.api.FieldBehavior")?.values.find((v) => v.name === "REQUIRED")?.number;
    const marked = (field: DescField) =>
      behavior !== undefined &&
      hasOption(field, behavior) &&
      (getOption(field, behavior) as number[]).includes(required!);
    const document = openApiDocument(services, { title: "Orders API", version: "1.0.0" }, marked);
    return create(CodeGeneratorResponseSchema, {
      supportedFeatures: BigInt(CodeGeneratorResponse_Feature.PROTO3_OPTIONAL),
      file: [{ name: "openapi.json", content: `${JSON.stringify(document, null, 2)}\n` }],
    });
  },
});
