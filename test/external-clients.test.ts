// The gRPC port as non-JavaScript clients reach it: `buf curl` and Python's grpcio, the
// client library the original service's callers use.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape } from "@bufbuild/protobuf";
import { findTrailerError } from "@connectrpc/connect/protocol-grpc";
import { CheckStatusOrderRequestSchema, CheckStatusOrderResponseSchema } from "../gen/check/check_pb";
import {
  CreateOrderRequestSchema,
  CreateOrderResponseSchema,
  ListOrdersRequestSchema,
  ListOrdersResponseSchema,
  OrderNotificationTypeEnum,
  ReadOrderRequestSchema,
  ReadOrderResponseSchema,
} from "../gen/order/order_pb";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb";
import { appPerFile } from "./support/app-per-file";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const buf = join(root, "node_modules/.bin/buf");
// Overridable only to check the skip path; CI uses the system Python with python3-grpcio.
const python = process.env.GRPCIO_PYTHON ?? "/usr/bin/python3";
const app = appPerFile();
/**
 * Calls `buf curl` with this repository's protos and the token as README.md and docs/api.md tell
 * users to send it; the gRPC port speaks cleartext HTTP/2 only, hence --http2-prior-knowledge there.
 */
async function bufCurl(protocol: "grpc" | "grpcweb" | "connect", url: string, body?: object) {
  const { stdout } = await run(
    buf,
    [
      "curl",
      "--protocol",
      protocol,
      ...(protocol === "grpc" ? ["--http2-prior-knowledge"] : []),
      "--schema",
      "proto",
      "-H",
      `rpc-auth: ${app.server.token}`,
      ...(body ? ["-d", JSON.stringify(body)] : []),
      url,
    ],
    { cwd: root },
  );
  return stdout;
}

describe("buf curl", () => {
  test("lists orders over native gRPC with --http2-prior-knowledge", async () => {
    await bufCurl("grpc", `${app.server.grpcUrl}/order.OrderService/CreateOrder`, { name: "From buf curl" });
    const stdout = await bufCurl("grpc", `${app.server.grpcUrl}/order.OrderService/ListOrders`);
    const listed = JSON.parse(stdout) as { notificationType: string; orders: { name: string }[] };
    assert.equal(listed.notificationType, "ORDER_NOTIFICATION_TYPE_ENUM_OK");
    assert.ok(
      listed.orders.some((order) => order.name === "From buf curl"),
      stdout,
    );
  });

  test("reaches /api over gRPC-Web and Connect", async () => {
    for (const protocol of ["grpcweb", "connect"] as const) {
      const stdout = await bufCurl(protocol, `${app.server.apiUrl}/order.OrderService/ListOrders`, {
        nameContains: "buf curl",
      });
      assert.equal((JSON.parse(stdout) as { totalSize: number }).totalSize, 1, `${protocol}: ${stdout}`);
    }
  });
});

const grpcio = spawnSync(python, ["-c", "import grpc"]);
const grpcioMissing =
  grpcio.status === 0
    ? false
    : `Python grpcio is not importable by ${python} (apt-get install -y python3-grpcio): grpcio calls not tested`;
if (grpcioMissing) console.warn(`SKIPPED: ${grpcioMissing}`);

type Call<I extends DescMessage, O extends DescMessage> = {
  method: string;
  input: I;
  output: O;
  request: MessageInitShape<I>;
};

/** Makes one call from a grpcio channel: the decoded response, or the grpc status. */
async function callWithGrpcio<I extends DescMessage, O extends DescMessage>(
  call: Call<I, O>,
  token: string | null = app.server.token,
) {
  const request = Buffer.from(toBinary(call.input, create(call.input, call.request))).toString("base64");
  const job = { target: `127.0.0.1:${app.server.grpcPort}`, token, calls: [{ method: call.method, request }] };
  const child = execFile(python, [join(import.meta.dirname, "support/grpcio-call.py")]);
  child.stdin?.end(JSON.stringify(job));
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  assert.equal(code, 0, stderr);
  const [result] = JSON.parse(stdout) as [{ ok: string } | { code: string; details: string; statusDetails?: string }];
  return "ok" in result ? fromBinary<O>(call.output, Buffer.from(result.ok, "base64")) : result;
}

/** The grpc status of a failed call, for assertion messages. */
function statusOf(result: object | undefined): string {
  return result && "code" in result && "details" in result
    ? `${String(result.code)}: ${String(result.details)}`
    : "no result";
}

describe("Python grpcio", () => {
  test("creates, reads, lists and checks orders with raw protobuf bytes", { skip: grpcioMissing }, async () => {
    const created = await callWithGrpcio({
      method: "/order.OrderService/CreateOrder",
      input: CreateOrderRequestSchema,
      output: CreateOrderResponseSchema,
      // str(datetime) from a Python client: space separator, microseconds.
      request: { name: "From grpcio", completed: true, date: "2024-05-01 10:00:00.123456Z" },
    });
    assert.ok(created && "order" in created, statusOf(created));
    assert.equal(created.notificationType, OrderNotificationTypeEnum.OK);
    const uuid = created.order!.uuid;
    assert.equal(created.order?.date, "2024-05-01T10:00:00.123Z");

    const read = await callWithGrpcio({
      method: "/order.OrderService/ReadOrder",
      input: ReadOrderRequestSchema,
      output: ReadOrderResponseSchema,
      request: { uuid },
    });
    assert.ok(read && "order" in read, statusOf(read));
    assert.equal(read.order?.name, "From grpcio");

    // An empty ListOrdersRequest is all the original's clients know how to send.
    const listed = await callWithGrpcio({
      method: "/order.OrderService/ListOrders",
      input: ListOrdersRequestSchema,
      output: ListOrdersResponseSchema,
      request: {},
    });
    assert.ok(listed && "orders" in listed, statusOf(listed));
    assert.ok(listed.orders.some((order) => order.uuid === uuid));

    for (const method of ["/order.OrderService/CheckStatusOrder", "/check.CheckStatusOrderService/CheckStatusOrder"]) {
      const status = await callWithGrpcio({
        method,
        input: CheckStatusOrderRequestSchema,
        output: CheckStatusOrderResponseSchema,
        request: { uuid },
      });
      assert.ok(status && "completed" in status, statusOf(status));
      assert.deepEqual([status.uuid, status.completed], [uuid, true]);
    }
  });

  test(
    "sends the token in rpc-auth metadata; without a good one the status is UNAUTHENTICATED",
    { skip: grpcioMissing },
    async () => {
      const list = (token: string | null) =>
        callWithGrpcio(
          {
            method: "/order.OrderService/ListOrders",
            input: ListOrdersRequestSchema,
            output: ListOrdersResponseSchema,
            request: {},
          },
          token,
        );
      assert.ok("orders" in (await list(app.server.token)));
      assert.deepEqual(await list(null), { code: "UNAUTHENTICATED", details: "token not found" });
      assert.deepEqual(await list("not-a-token"), { code: "UNAUTHENTICATED", details: "token invalid" });
    },
  );

  test("gets NOT_FOUND and INVALID_ARGUMENT as grpc status codes", { skip: grpcioMissing }, async () => {
    const read = (uuid: string) =>
      callWithGrpcio({
        method: "/order.OrderService/ReadOrder",
        input: ReadOrderRequestSchema,
        output: ReadOrderResponseSchema,
        request: { uuid },
      });
    const results = [
      await read(crypto.randomUUID()),
      await read("nope"),
      await callWithGrpcio({
        method: "/order.OrderService/CreateOrder",
        input: CreateOrderRequestSchema,
        output: CreateOrderResponseSchema,
        request: { name: "" },
      }),
    ];
    assert.deepEqual(
      results.map((r) => ("code" in r ? r.code : "OK")),
      ["NOT_FOUND", "INVALID_ARGUMENT", "INVALID_ARGUMENT"],
    );
    const invalid = results[2];
    assert.ok(invalid && "statusDetails" in invalid && invalid.statusDetails, statusOf(invalid));
    assert.match(invalid.details, /name/);
    // The trailer grpcio hands its callers decodes as google.rpc.Status with a BadRequest in it.
    const status = findTrailerError(
      new Headers({
        "grpc-status": "3",
        "grpc-message": encodeURIComponent(invalid.details),
        "grpc-status-details-bin": invalid.statusDetails,
      }),
    );
    const [badRequest] = status?.findDetails(BadRequestSchema) ?? [];
    assert.deepEqual(
      badRequest?.fieldViolations.map((violation) => violation.field),
      ["name"],
    );
  });
});
