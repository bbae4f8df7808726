// The auth building blocks in-process: the caller in context values, passwords, token lifetimes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { parseTtl } from "../server/auth/api-tokens";
import { callerKey, createAuthInterceptor, openServices } from "../server/auth/authenticate";
import { hashPassword, passwordProblem, verifyPassword } from "../server/auth/passwords";
import { issueTestToken, sendToken } from "./support/credentials";
import { routerClientsOnFreshDatabase } from "./support/router-clients";

const { store } = await routerClientsOnFreshDatabase();
const secret = new TextEncoder().encode("a test secret of at least thirty-two characters");

test("handlers find the caller in the context values", async () => {
  const routes = createRouterTransport(
    (router) =>
      router.service(OrderService, {
        listOrders: (_, context) => ({ nextPageToken: context.values.get(callerKey)?.subject ?? "nobody" }),
      }),
    {
      router: { interceptors: [createAuthInterceptor(store, () => secret)] },
      transport: { interceptors: [sendToken(await issueTestToken(store, secret, "ci"))] },
    },
  );
  assert.equal((await createClient(OrderService, routes).listOrders({})).nextPageToken, "service:ci");
});

test("health, reflection and echo are the only open services", () => {
  assert.deepEqual([...openServices].sort(), [
    "echo.EchoService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
  ]);
});

test("passwords are scrypt hashes with their parameters and a per-password salt", async () => {
  const [first, second] = [await hashPassword("twelve chars!"), await hashPassword("twelve chars!")];
  assert.match(first, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(first, second);
  assert.equal(await verifyPassword("twelve chars!", first), true);
  assert.equal(await verifyPassword("twelve chars?", first), false);
  assert.equal(passwordProblem("eleven char"), "Use at least 12 characters.");
  assert.equal(passwordProblem("twelve chars"), undefined);
});

test("token lifetimes read as minutes, hours or days, up to a year", () => {
  assert.equal(parseTtl("30d"), 30 * 24 * 3_600_000);
  assert.equal(parseTtl("90m"), 90 * 60_000);
  for (const bad of ["", "0d", "30", "1y", "367d", "-1d"]) assert.equal(parseTtl(bad), undefined, bad);
});
