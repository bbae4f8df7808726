// deploy/nginx.conf and deploy/Caddyfile, run by Debian's nginx and caddy as they stand (only
// ports replaced) in front of two `next start` instances on one PostgreSQL database, on ports
// other than 80: what a browser and an API caller do through them keeps working, also while
// one instance is stopped.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import type { Client, Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import type { WatchOrdersResponse } from "../gen/order/order_pb";
import { sessionCookieName } from "../lib/session-cookie";
import { cookieFrom, exchange, hiddenInputs, submitForm } from "./support/browser-form";
import { newAuthSecret, sendToken } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { portsOutsideEphemeralRange, proxiesSkipReason, startCaddy, startNginx } from "./support/reverse-proxies";
import type { ReverseProxy } from "./support/reverse-proxies";
import { readWatch } from "./support/watch-stream";
import type { WatchReader } from "./support/watch-stream";

const skip = (await postgresSkipReason()) ?? proxiesSkipReason();

// The browser's own address: the app must see it (X-Forwarded-For), not the proxy's 127.0.0.1.
const browserAddress = "127.0.0.3";

type Orders = Client<typeof OrderService>;

/** A client calling as the site's own pages do: the session cookie, with Origin and Sec-Fetch-Site. */
function asPage(siteUrl: string, cookie: string): Orders {
  const pageHeaders: Interceptor = (next) => (request) => {
    request.header.set("cookie", cookie);
    request.header.set("origin", siteUrl);
    request.header.set("sec-fetch-site", "same-origin");
    return next(request);
  };
  return createClient(
    OrderService,
    createConnectTransport({ baseUrl: `${siteUrl}/api`, httpVersion: "1.1", interceptors: [pageHeaders] }),
  );
}

/** Creates an order, then finds it in a list by its name. */
async function createThenList(orders: Orders, name: string): Promise<void> {
  const { order } = await orders.createOrder({ name });
  const { orders: listed } = await orders.listOrders({ nameContains: name });
  assert.deepEqual(
    listed.map((o) => o.uuid),
    [order!.uuid],
  );
}

describe("nginx and Caddy in front of two instances, as deploy/ configures them", { skip }, () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let instances: [NextServer, NextServer];
  let proxies: ReverseProxy[];
  let dir: string;

  before(async () => {
    database = await createPostgresDatabase();
    const env = {
      AUTH_SECRET: newAuthSecret(),
      TRUSTED_PROXIES: "127.0.0.1",
      // Streams on the instance that stays up show they are alive within a second.
      WATCH_HEARTBEAT_MS: "500",
      SHUTDOWN_GRACE_MS: "2000",
    };
    const [http1, http2, grpc1, grpc2] = (await portsOutsideEphemeralRange(4)) as [number, number, number, number];
    instances = await Promise.all([
      startNextServer({ databaseUrl: database.url, env, ports: { http: http1, grpc: grpc1 } }),
      startNextServer({ databaseUrl: database.url, env, ports: { http: http2, grpc: grpc2 } }),
    ]);
    const upstreams = {
      http: [instances[0].port, instances[1].port] as [number, number],
      grpc: [instances[0].grpcPort, instances[1].grpcPort] as [number, number],
    };
    dir = await mkdtemp(join(tmpdir(), "orders-proxies-"));
    proxies = await Promise.all([
      startNginx(upstreams, join(dir, "nginx")),
      startCaddy(upstreams.http, join(dir, "caddy")),
    ]);
  });

  after(async () => {
    await Promise.all([...(proxies ?? []).map((proxy) => proxy.stop()), ...(instances ?? []).map((i) => i.stop())]);
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const proxy = (name: ReverseProxy["name"]) => proxies.find((candidate) => candidate.name === name)!;
  const withToken = (baseUrl: string, grpc = false): Orders =>
    createClient(
      OrderService,
      grpc
        ? createGrpcTransport({ baseUrl, interceptors: [sendToken(instances[0].token)] })
        : createConnectTransport({
            baseUrl: `${baseUrl}/api`,
            httpVersion: "1.1",
            interceptors: [sendToken(instances[0].token)],
          }),
    );
  const serverOutput = () => instances.map((instance) => instance.output()).join("\n");

  test("nginx: the owner is created through the server-action form, then orders through the API with its cookie", async () => {
    const { httpUrl } = proxy("nginx");
    const page = await exchange(`${httpUrl}/sign-in`);
    assert.equal(page.status, 200, page.body);
    assert.match(page.body, /Create the owner account/);
    const action = hiddenInputs(page.body, "$ACTION_");
    const created = await submitForm(
      `${httpUrl}/sign-in`,
      { ...action, username: "owner", password: "correct horse battery", repeat: "correct horse battery" },
      { multipart: true },
    );
    // Next answers a server action whose Origin does not match Host with a 500 page.
    assert.equal(created.status, 303, `${created.status}: ${created.body.slice(0, 500)}`);
    assert.equal(created.headers.location, "/");
    const cookie = cookieFrom(created, sessionCookieName);
    assert.ok(cookie, "no session cookie");

    await createThenList(asPage(httpUrl, cookie), "Through nginx");
  });

  test("Caddy: sign-in form, then sign-out through the server-action form; the app sees the browser's address", async () => {
    const { httpUrl } = proxy("caddy");
    const signedIn = await submitForm(
      `${httpUrl}/api/auth/sign-in`,
      { username: "owner", password: "correct horse battery", next: "/" },
      { localAddress: browserAddress },
    );
    assert.equal(signedIn.status, 303, signedIn.body);
    assert.equal(signedIn.headers.location, "/");
    const cookie = cookieFrom(signedIn, sessionCookieName);
    assert.ok(cookie, "no session cookie");
    // X-Forwarded-For from Caddy, believed because TRUSTED_PROXIES names it. The log line may
    // reach this process after the answer does.
    const signInLine = `signed in "owner" from ${browserAddress}`;
    for (let waited = 0; !serverOutput().includes(signInLine); waited += 50) {
      assert.ok(waited < 5_000, `no "${signInLine}" in the servers' log`);
      await sleep(50);
    }

    await createThenList(asPage(httpUrl, cookie), "Through Caddy");

    const home = await exchange(`${httpUrl}/`, { headers: { cookie } });
    assert.equal(home.status, 200);
    const signOut = hiddenInputs(home.body, "$ACTION_ID_");
    const signedOut = await submitForm(`${httpUrl}/`, signOut, { multipart: true, cookie });
    assert.equal(signedOut.status, 303, `${signedOut.status}: ${signedOut.body.slice(0, 500)}`);
    assert.equal(signedOut.headers.location, "/sign-in?signed-out=1");
    assert.match(String(signedOut.headers["set-cookie"]), new RegExp(`${sessionCookieName}=;`));
  });

  test("gRPC through nginx's grpc_pass", async () => {
    await createThenList(withToken(proxy("nginx").grpcUrl!, true), "gRPC through nginx");
  });

  test("one instance stops: its watches resume on the other from their cursor, and no call fails", async () => {
    // Two watches per proxy: round robin puts one on each instance.
    const watches = proxies.flatMap((p) =>
      [1, 2].map(() => ({ proxy: p, reader: readWatch((signal) => withToken(p.httpUrl).watchOrders({}, { signal })) })),
    );
    for (const { reader } of watches) await reader.next();
    const { order: before } = await withToken(proxies[0]!.httpUrl).createOrder({ name: "Before the stop" });
    const cursors = new Map<WatchReader, bigint>();
    for (const { reader } of watches) {
      const seen = await reader.until((m) => m.event.case === "created" && m.event.value.uuid === before!.uuid);
      cursors.set(reader, seen.at(-1)!.cursor);
    }

    // Calls while it stops are answered, not a 502 from the stopped instance: nginx passes a
    // refused connection on to the other instance, with the request's body; Caddy 2.6 only a
    // request without one (caddyserver/caddy#7546, fixed in 2.11.2), so calls with a body wait
    // for its health check to leave the stopped instance out (health_interval, 1 s).
    const nginx = proxy("nginx");
    const caddy = proxy("caddy");
    let caddyLeftItOut = false;
    const healthCheckFailed = new RegExp(`"HTTP request failed","host":"127\\.0\\.0\\.1:${instances[0].port}"`);
    const noticed = caddy.logged(healthCheckFailed).then(() => (caddyLeftItOut = true));
    const stopped = instances[0].stop();
    let calls = 0;
    for (; calls < 4 || !caddyLeftItOut; calls++) {
      await withToken(nginx.httpUrl).listOrders({ pageSize: 1 });
      await withToken(nginx.grpcUrl!, true).listOrders({ pageSize: 1 });
      assert.equal((await exchange(`${caddy.httpUrl}/sign-in`)).status, 200, `page load ${calls} through Caddy`);
    }
    await Promise.all([noticed, stopped]);
    for (let call = 0; call < 4; call++) await withToken(caddy.httpUrl).listOrders({ pageSize: 1 });

    const made: string[] = [];
    for (const p of proxies) {
      made.push((await withToken(p.httpUrl).createOrder({ name: `After the stop, via ${p.name}` })).order!.uuid);
    }

    // The watches on the other instance see those orders; those on the stopped one have ended,
    // and reconnect through their proxy from their last cursor without missing one.
    const ended = new Set<(typeof watches)[number]>();
    for (const watch of watches) {
      const seen: string[] = [];
      const seenAll = (m: WatchOrdersResponse) => {
        if (m.event.case === "created") seen.push(m.event.value.uuid);
        return made.every((uuid) => seen.includes(uuid));
      };
      try {
        await watch.reader.until(seenAll);
      } catch {
        ended.add(watch);
        seen.length = 0;
        const afterCursor = cursors.get(watch.reader)!;
        const resumed = readWatch((signal) => withToken(watch.proxy.httpUrl).watchOrders({ afterCursor }, { signal }));
        await resumed.until(seenAll);
        resumed.close();
      }
      watch.reader.close();
      assert.deepEqual(seen, made, `${watch.proxy.name}, ${ended.has(watch) ? "resumed" : "open"} watch`);
    }
    for (const p of proxies) {
      const mine = watches.filter((watch) => watch.proxy === p);
      assert.equal(mine.filter((watch) => ended.has(watch)).length, 1, `${p.name}: one watch was on each instance`);
    }
  });
});
