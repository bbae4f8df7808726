import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";
import { config } from "../config.js";

export type { Logger };

/**
 * Paths removed from anything logged, wherever an object carrying them ends up in a log call:
 * credentials must never reach a log file, even through a careless `logger.info({ request })`.
 */
export const redactedPaths = [
  "password",
  "token",
  "*.password",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["set-cookie"]',
];

/**
 * A JSON-lines logger (one object per line, `time` in epoch ms, `msg`). Production and
 * development alike write JSON to stdout; `npm run dev | npx pino-pretty` prints it for people,
 * which keeps the pretty printer and its worker thread out of the server.
 */
export function createLogger(destination?: DestinationStream, level: string = config.logLevel): Logger {
  const options = {
    level,
    base: { service: config.serviceName },
    redact: { paths: redactedPaths, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

// Cached on globalThis like the store: the API route and the gRPC listener are separate
// bundles in one process and should share one logger.
const cache = globalThis as typeof globalThis & { ordersLogger?: Logger };

/** The process's logger. */
export function appLogger(): Logger {
  return (cache.ordersLogger ??= createLogger());
}
