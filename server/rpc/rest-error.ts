import { create, createRegistry, fromBinary, toJson } from "@bufbuild/protobuf";
import type { JsonObject } from "@bufbuild/protobuf";
import type { Code, ConnectError } from "@connectrpc/connect";
import { codeToHttpStatus, codeToString } from "@connectrpc/connect/protocol-connect";
import { file_google_rpc_error_details } from "../../gen/google/rpc/error_details_pb";

const details = createRegistry(file_google_rpc_error_details);

function detailJson(detail: ConnectError["details"][number]): JsonObject | undefined {
  if ("desc" in detail) {
    return {
      "@type": `type.googleapis.com/${detail.desc.typeName}`,
      ...(toJson(detail.desc, create(detail.desc, detail.value)) as JsonObject),
    };
  }
  const schema = details.getMessage(detail.type);
  if (!schema) return undefined;
  return {
    "@type": `type.googleapis.com/${detail.type}`,
    ...(toJson(schema, fromBinary(schema, detail.value)) as JsonObject),
  };
}

/**
 * An error as REST callers expect it (Google AIP-193): the HTTP status Connect uses for the
 * code, and `{"error": {code, status, message, details}}` with google.rpc details as JSON.
 */
export function restError(error: ConnectError): { status: number; body: JsonObject } {
  const status = codeToHttpStatus(error.code);
  return {
    status,
    body: {
      error: {
        code: status,
        status: codeToString(error.code).toUpperCase(),
        message: error.rawMessage,
        details: error.details.flatMap((detail) => detailJson(detail) ?? []),
      },
    },
  };
}

/** A refusal of the HTTP exchange itself (unknown path, wrong verb, media type, size) in the same shape. */
export function restRefusal(status: number, code: Code, message: string): JsonObject {
  return { error: { code: status, status: codeToString(code).toUpperCase(), message, details: [] } };
}
