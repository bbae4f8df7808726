import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import { DelayedReplySchema, EchoMessageSchema } from "../../gen/echo/echo_pb";
import type { EchoMessage, EchoService } from "../../gen/echo/echo_pb";

/** How many echoes ServerStream sends, as the original service did. */
export const serverStreamEchoes = 3;

export type EchoServiceOptions = {
  /** Pause between ServerStream's echoes (the original slept a second; tests use 0). */
  pauseMs: number;
};

const echo = (message: EchoMessage) =>
  create(EchoMessageSchema, { username: message.username, message: message.message });

/**
 * Waits, unless the call ends first: then the call's own reason (deadline exceeded,
 * cancelled) is thrown, not the timer's AbortError, which would read as an internal fault.
 */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw signal.aborted ? ConnectError.from(signal.reason) : error;
  }
}

/** The original's EchoService: one implementation for every transport. */
export function createEchoService({ pauseMs }: EchoServiceOptions): ServiceImpl<typeof EchoService> {
  return {
    async clientStream(requests) {
      const response: EchoMessage[] = [];
      for await (const message of requests) response.push(echo(message));
      return create(DelayedReplySchema, { response });
    },

    async *serverStream(request, context) {
      for (let sent = 0; sent < serverStreamEchoes; sent++) {
        if (sent > 0 && pauseMs > 0) await pause(pauseMs, context.signal);
        yield echo(request);
      }
    },

    async *bothStream(requests) {
      for await (const message of requests) yield echo(message);
    },
  };
}
