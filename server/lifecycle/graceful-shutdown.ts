import type { Http2Server, Http2Session } from "node:http2";
import { setTimeout as sleep } from "node:timers/promises";
import { abortInFlightCalls, startDraining } from "./shutdown-signal";

/** A listener that can stop taking work, let what it has finish, or cut it off. */
export type Drainable = {
  /** Stops accepting and resolves once every in-flight call has been answered. */
  drain(): Promise<void>;
  /** Cuts off whatever is still running. */
  cancel(): void;
};

export type ShutdownPlan = {
  graceMs: number;
  listeners: Drainable[];
  closeStore: () => Promise<void>;
  log: (line: string) => void;
};

/**
 * The gRPC port as a Drainable: close() stops new connections, and each open connection gets
 * a GOAWAY (session.close) so clients open new calls elsewhere while running ones finish.
 * Call right after the server starts listening, so every session is tracked.
 */
export function drainableHttp2(server: Http2Server): Drainable {
  const sessions = new Set<Http2Session>();
  server.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  return {
    drain: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.close();
      }),
    cancel: () => {
      for (const session of sessions) session.destroy();
    },
  };
}

// `next start` handles SIGTERM/SIGINT itself: it closes its HTTP listener, waits for the
// requests in flight there, then calls process.exit at once. Held here, so that exit comes
// only after the gRPC port has drained too and the store is closed.
function holdProcessExit() {
  const exit = process.exit.bind(process);
  let code: number | undefined;
  let release = () => {};
  const called = new Promise<void>((resolve) => (release = resolve));
  process.exit = ((requested?: number | string | null) => {
    code = requested === undefined || requested === null ? undefined : Number(requested);
    release();
  }) as typeof process.exit;
  return { called, exit: (fallback: number): never => exit(code ?? fallback) };
}

async function shutDown(signal: NodeJS.Signals, plan: ShutdownPlan): Promise<void> {
  const next = holdProcessExit();
  plan.log(`${signal}: no new calls; waiting up to ${plan.graceMs} ms for those in flight`);
  startDraining();
  const drained = Promise.all([...plan.listeners.map((listener) => listener.drain()), next.called]).then(() => true);
  if (!(await Promise.race([drained, sleep(plan.graceMs, false, { ref: false })]))) {
    plan.log("grace period over: cancelling the calls still running");
    abortInFlightCalls();
    for (const listener of plan.listeners) listener.cancel();
  }
  await plan.closeStore().catch((error: unknown) => plan.log(`closing the store failed: ${String(error)}`));
  plan.log("store closed; exiting");
  next.exit(signal === "SIGINT" ? 130 : 143);
}

/** On the first SIGTERM or SIGINT: drain the listeners (bounded by graceMs), close the store, exit. */
export function shutDownGracefullyOnSignals(plan: ShutdownPlan): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return; // a terminal sends SIGINT to the whole group, npm forwards it again
    started = true;
    void shutDown(signal, plan);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
