// gRPC server reflection, v1 and v1alpha, as `buf curl` and the generated client use it.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import { ServerReflection as ReflectionV1 } from "../gen/grpc/reflection/v1/reflection_pb";
import { ServerReflection as ReflectionV1alpha } from "../gen/grpc/reflection/v1alpha/reflection_pb";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const buf = join(root, "node_modules/.bin/buf");
const app = await grpcListenerOnFreshDatabase();
const transport = createGrpcTransport({ baseUrl: app.url });
const services = [
  "check.CheckStatusOrderService",
  "echo.EchoService",
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
  "order.OrderBulkService",
  "order.OrderHistoryService",
  "order.OrderService",
];

// No --schema anywhere below: buf knows the services only through reflection.
const bufCurl = (...args: string[]) =>
  run(buf, ["curl", "--protocol", "grpc", "--http2-prior-knowledge", ...args], { cwd: root });

for (const [version, service] of [
  ["v1", ReflectionV1],
  ["v1alpha", ReflectionV1alpha],
] as const) {
  describe(`reflection ${version}`, () => {
    test("buf curl lists every service", async () => {
      const { stdout } = await bufCurl("--reflect-protocol", `grpc-${version}`, "--list-services", app.url);
      assert.deepEqual(stdout.trim().split("\n").sort(), services);
    });

    test("buf curl lists the methods and calls one with the reflected schema", async () => {
      const { stdout: methods } = await bufCurl("--reflect-protocol", `grpc-${version}`, "--list-methods", app.url);
      assert.match(methods, /^order\.OrderService\/CheckStatusOrder$/m);
      assert.match(methods, /^order\.OrderService\/ListOrders$/m);
      const { stdout } = await bufCurl(
        "-H",
        `rpc-auth: ${app.token}`,
        "--reflect-protocol",
        `grpc-${version}`,
        "-d",
        `{"name":"By reflection ${version}"}`,
        `${app.url}/order.OrderService/CreateOrder`,
      );
      assert.equal((JSON.parse(stdout) as { order: { name: string } }).order.name, `By reflection ${version}`);
    });

    test("resolves a file by symbol and by name, with its imports, and says NOT_FOUND otherwise", async () => {
      const client = createClient(service, transport);
      const requests = createAsyncIterable([
        { messageRequest: { case: "fileContainingSymbol" as const, value: "order.OrderService.CheckStatusOrder" } },
        { messageRequest: { case: "fileContainingSymbol" as const, value: "check.CheckStatusOrderResponse" } },
        { messageRequest: { case: "fileByFilename" as const, value: "health/v1/health.proto" } },
        { messageRequest: { case: "fileContainingSymbol" as const, value: "order.NoSuchThing" } },
      ]);
      const answers: (string[] | number | undefined)[] = [];
      for await (const { messageResponse: answer } of client.serverReflectionInfo(requests)) {
        if (answer.case === "fileDescriptorResponse") {
          answers.push(
            answer.value.fileDescriptorProto.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes).name),
          );
        } else {
          answers.push(answer.case === "errorResponse" ? answer.value.errorCode : undefined);
        }
      }
      const [bySymbol, byMessage, byName, unknown] = answers;
      assert.ok(Array.isArray(bySymbol));
      assert.equal(bySymbol[0], "order/order.proto", "the requested file comes first");
      assert.ok(bySymbol.includes("check/check.proto"), "its imports come along");
      assert.deepEqual(byMessage, [
        "check/check.proto",
        "google/api/field_behavior.proto",
        "google/protobuf/descriptor.proto",
        "google/protobuf/wrappers.proto",
      ]);
      assert.deepEqual(byName, ["health/v1/health.proto"]);
      assert.equal(unknown, Code.NotFound);
    });
  });
}
