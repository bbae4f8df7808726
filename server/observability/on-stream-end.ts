import type { StreamResponse, UnaryResponse } from "@connectrpc/connect";

/**
 * Calls `done` once the call is over: right away for a unary response, and when the
 * response stream ends, fails or is abandoned for a streaming one, so that a log line or a
 * span covers the whole stream and not only its set-up.
 */
export function onStreamEnd<R extends UnaryResponse | StreamResponse>(response: R, done: (error?: unknown) => void): R {
  if (!response.stream) {
    done();
    return response;
  }
  const messages = response.message;
  async function* observed() {
    let failure: unknown;
    try {
      yield* messages;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      done(failure);
    }
  }
  return { ...response, message: observed() };
}
