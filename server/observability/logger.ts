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

/** The most log text held while stdout is not taking it; lines beyond it are dropped, not queued. */
const maxUnwrittenBytes = 16 * 1024 * 1024;

/**
 * A JSON-lines logger (one object per line, `time` in epoch ms, `msg`). Production and
 * development alike write JSON to stdout; `npm run dev | npx pino-pretty` prints it for people,
 * which keeps the pretty printer and its worker thread out of the server.
 *
 * Written asynchronously: a line per call written synchronously was a write(2) per RPC on the
 * event loop (8 % of a ReadOrder's CPU in the profile), and a reader that stops reading stdout
 * stalled the server. Lines that arrive while one write is under way go out together with the
 * next; pino flushes what is left when the process exits.
 */
export function createLogger(destination?: DestinationStream, level: string = config.logLevel): Logger {
  const options = {
    level,
    base: { service: config.serviceName },
    redact: { paths: redactedPaths, censor: "[redacted]" },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, maxLength: maxUnwrittenBytes }));
}

// Cached on globalThis like the store: the API route and the gRPC listener are separate
// bundles in one process and should share one logger.
const cache = globalThis as typeof globalThis & { ordersLogger?: Logger };

/** The process's logger. */
export function appLogger(): Logger {
  return (cache.ordersLogger ??= createLogger());
}
