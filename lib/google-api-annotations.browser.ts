import type { GenFile } from "@bufbuild/protobuf/codegenv2";
import { fileDesc } from "@bufbuild/protobuf/codegenv2";

/**
 * What browser bundles get instead of gen/google/api/annotations_pb and field_behavior_pb
 * (next.config.mjs aliases them): empty google/api/annotations.proto and field_behavior.proto,
 * which is all order.proto's generated descriptor needs to link. The google.api.http rules and
 * field behaviors stay in order.proto's options as bytes the browser never reads (the REST
 * transcoder and the OpenAPI document use them on the server); the real files would bring
 * google/api/http.proto's descriptors and descriptor.proto's option messages into every page.
 */
export const file_google_api_annotations: GenFile = fileDesc(
  // FileDescriptorProto { name: "google/api/annotations.proto", package: "google.api", syntax: "proto3" }
  "Chxnb29nbGUvYXBpL2Fubm90YXRpb25zLnByb3RvEgpnb29nbGUuYXBpYgZwcm90bzM=",
);

export const file_google_api_field_behavior: GenFile = fileDesc(
  // FileDescriptorProto { name: "google/api/field_behavior.proto", package: "google.api", syntax: "proto3" }
  "Ch9nb29nbGUvYXBpL2ZpZWxkX2JlaGF2aW9yLnByb3RvEgpnb29nbGUuYXBpYgZwcm90bzM=",
);
