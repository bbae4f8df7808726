import type { DescService } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { ServerReflection as ServerReflectionV1 } from "../../gen/grpc/reflection/v1/reflection_pb";
import { ServerReflection as ServerReflectionV1alpha } from "../../gen/grpc/reflection/v1alpha/reflection_pb";
import { createDescriptorIndex } from "./descriptor-index";
import type { DescriptorIndex } from "./descriptor-index";

// v1 and v1alpha declare the same messages under two packages; one answer serves both.
type ReflectionRequest = {
  host: string;
  messageRequest:
    | { case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices"; value: string }
    | { case: "fileContainingExtension"; value: { containingType: string; extensionNumber: number } }
    | { case: undefined; value?: undefined };
};

function notFound(message: string) {
  return { case: "errorResponse" as const, value: { errorCode: Code.NotFound, errorMessage: message } };
}

function files(fileDescriptorProto: Uint8Array[] | undefined, missing: string) {
  return fileDescriptorProto
    ? { case: "fileDescriptorResponse" as const, value: { fileDescriptorProto } }
    : notFound(missing);
}

function answer(index: DescriptorIndex, { messageRequest }: ReflectionRequest) {
  switch (messageRequest.case) {
    case "listServices":
      return {
        case: "listServicesResponse" as const,
        value: { service: index.serviceNames.map((name) => ({ name })) },
      };
    case "fileByFilename":
      return files(index.fileWithDependencies(messageRequest.value), `File ${messageRequest.value} not found.`);
    case "fileContainingSymbol": {
      const file = index.fileDeclaring(messageRequest.value);
      return files(
        file === undefined ? undefined : index.fileWithDependencies(file),
        `Symbol ${messageRequest.value} not found.`,
      );
    }
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = messageRequest.value;
      const file = index.fileExtending(containingType, extensionNumber);
      return files(
        file === undefined ? undefined : index.fileWithDependencies(file),
        `Extension ${extensionNumber} of ${containingType} not found.`,
      );
    }
    case "allExtensionNumbersOfType": {
      const extensionNumber = index.extensionNumbers(messageRequest.value);
      return extensionNumber
        ? {
            case: "allExtensionNumbersResponse" as const,
            value: { baseTypeName: messageRequest.value, extensionNumber },
          }
        : notFound(`Type ${messageRequest.value} not found.`);
    }
    case undefined:
      return {
        case: "errorResponse" as const,
        value: { errorCode: Code.InvalidArgument, errorMessage: "Empty reflection request." },
      };
  }
}

/**
 * Registers grpc.reflection.v1 and v1alpha on `router`, answered from the generated
 * descriptors of every service registered on it (read on first use, so services registered
 * after this call are listed too). Like health, it stays open to unauthenticated callers:
 * it reveals the contract, which is public, and never any data.
 */
export function registerReflection(router: ConnectRouter): void {
  let index: DescriptorIndex | undefined;
  const indexed = () =>
    (index ??= createDescriptorIndex(router.handlers.map((handler): DescService => handler.service)));
  async function* serverReflectionInfo<R extends ReflectionRequest>(requests: AsyncIterable<R>) {
    for await (const request of requests) {
      yield { validHost: request.host, originalRequest: request, messageResponse: answer(indexed(), request) };
    }
  }
  router.service(ServerReflectionV1, { serverReflectionInfo });
  router.service(ServerReflectionV1alpha, { serverReflectionInfo });
}
