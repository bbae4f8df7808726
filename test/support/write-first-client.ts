// A client that writes its whole request before it reads anything, as Python's http.client and
// a browser's XHR do: what an early answer followed by a closed socket breaks.
import type { Socket } from "node:net";

/** What the socket has received so far, and whether it was reset or closed. */
export function received(socket: Socket) {
  const state = { text: "", error: undefined as string | undefined, closed: false };
  socket.on("data", (chunk: Buffer) => (state.text += chunk.toString("latin1")));
  socket.on("error", (error: NodeJS.ErrnoException) => (state.error = error.code));
  socket.on("close", () => (state.closed = true));
  return state;
}

/** Writes every byte before reading anything, as Python's http.client does. */
export async function writeAll(socket: Socket, parts: (string | Buffer)[]): Promise<void> {
  for (const part of parts) {
    if (socket.destroyed) return;
    if (!socket.write(part)) {
      await new Promise<void>((resolve) => {
        socket.once("drain", resolve);
        socket.once("close", resolve);
      });
    }
  }
}

/** Waits until `check` holds or `ms` have passed. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  for (const start = Date.now(); !check() && Date.now() - start < ms;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A chunked JSON CreateOrder of about `bytes`, in 64 KiB chunks. */
export function chunkedCreate(bytes: number): (string | Buffer)[] {
  const head =
    "POST /api/order.OrderService/CreateOrder HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  const chunk = Buffer.alloc(64 * 1024, "x");
  const chunks = Array.from({ length: Math.ceil(bytes / chunk.byteLength) }, () =>
    Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
  );
  return [head, ...chunks, "0\r\n\r\n"];
}
