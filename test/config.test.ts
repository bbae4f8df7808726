import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { test } from "node:test";
import { ConfigError, parseConfig } from "../server/config.js";

test("an empty environment gives the documented defaults", () => {
  const config = parseConfig({});
  assert.deepEqual(config.database, { provider: "sqlite", file: resolve("data/orders.db") });
  assert.equal(config.port, 3000);
  assert.equal(config.grpcPort, 50091);
  assert.deepEqual([...config.corsOrigins], []);
  assert.equal(config.distDir, ".next");
});

test("reads each variable into its typed form", () => {
  const config = parseConfig({
    DATABASE_URL: "postgresql://app@db:5432/orders",
    GRPC_PORT: "off",
    CORS_ORIGINS: "https://a.example, https://b.example/",
    PORT: "8080",
  });
  assert.deepEqual(config.database, { provider: "postgresql", url: "postgresql://app@db:5432/orders" });
  assert.equal(config.grpcPort, undefined);
  assert.deepEqual([...config.corsOrigins], ["https://a.example", "https://b.example"]);
  assert.equal(config.port, 8080);
  assert.deepEqual(parseConfig({ DATABASE_URL: "file:/tmp/x.db" }).database, { provider: "sqlite", file: "/tmp/x.db" });
});

test("a bad value is one line naming the variable, what it accepts and what it got", () => {
  for (const [name, value, accepts] of [
    ["GRPC_PORT", "abc", /GRPC_PORT/],
    ["PORT", "70000", /PORT/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL must be file:PATH, postgres/],
    ["CORS_ORIGINS", "not an origin", /CORS_ORIGINS must be comma-separated origins/],
  ] as const) {
    assert.throws(
      () => parseConfig({ [name]: value }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, accepts);
        assert.ok(error.message.includes(JSON.stringify(value)), error.message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
  }
});

test("a process started with a bad value stops with that one line and exit code 1", () => {
  const run = spawnSync(process.execPath, ["-e", 'import("./server/config.js")'], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", GRPC_PORT: "abc" },
    encoding: "utf8",
  });
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr,
    'Invalid configuration: GRPC_PORT must be a port number from 1 to 65535, 0 for any free port, or "off" (got "abc")\n',
  );
});

test("AUTH_SECRET: a short one is refused without echoing it", () => {
  assert.throws(
    () => parseConfig({ AUTH_SECRET: "hunter2" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^AUTH_SECRET must be at least 32 characters .*\(got 7 characters\)$/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    },
  );
  assert.equal(parseConfig({ AUTH_SECRET: "x".repeat(32) }).authSecret, "x".repeat(32));
  assert.equal(parseConfig({ NODE_ENV: "production" }).production, true);
});

test("next start without AUTH_SECRET refuses to start with one line", () => {
  const run = spawnSync(resolve("node_modules/.bin/next"), ["start", "--port", "0"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      GRPC_PORT: "off",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.equal(
    run.stderr.trim(),
    "Invalid configuration: AUTH_SECRET must be set when NODE_ENV=production (for example `openssl rand -base64 32`)",
  );
});
