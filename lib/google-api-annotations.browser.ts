import type { GenFile } from "@bufbuild/protobuf/codegenv2";
import { fileDesc } from "@bufbuild/protobuf/codegenv2";

/**
 * What browser bundles get instead of gen/google/api/annotations_pb (next.config.mjs aliases
 * it): an empty google/api/annotations.proto, which is all order.proto's generated descriptor
 * needs to link. The google.api.http rules stay in order.proto's method options as bytes the
 * browser never reads (the REST transcoder and the OpenAPI document use them on the server);
 * the real file would bring google/api/http.proto's descriptors into every page.
 */
export const file_google_api_annotations: GenFile = fileDesc(
  // FileDescriptorProto { name: "google/api/annotations.proto", package: "google.api", syntax: "proto3" }
  "Chxnb29nbGUvYXBpL2Fubm90YXRpb25zLnByb3RvEgpnb29nbGUuYXBpYgZwcm90bzM=",
);
