// The probe caller of storms.ts, on a thread of its own: the abuser's work on the test's event
// loop must not show up as the probe's latency.
import { setTimeout as sleep } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../../gen/order/order_pb";
import { sendToken } from "./credentials";

const { apiUrl, grpcUrl, token, everyMs } = workerData as {
  apiUrl: string;
  grpcUrl: string;
  token: string;
  everyMs: number;
};
const api = createClient(
  OrderService,
  createConnectTransport({ baseUrl: apiUrl, httpVersion: "1.1", interceptors: [sendToken(token)] }),
);
const grpc = createClient(OrderService, createGrpcTransport({ baseUrl: grpcUrl, interceptors: [sendToken(token)] }));
const result = { calls: 0, worstMs: 0, failures: {} as Record<string, number> };
// One call before the storm: the probe is a caller that was already there (its connections
// open, its code loaded).
await api.listOrders({ pageSize: 10 });
await grpc.listOrders({ pageSize: 10 });
parentPort!.postMessage("ready");
let running = true;
parentPort!.once("message", () => (running = false));
for (let i = 0; running; i++) {
  const started = performance.now();
  try {
    await (i % 2 ? grpc : api).listOrders({ pageSize: 10 }, { timeoutMs: 10_000 });
  } catch (error) {
    const code = Code[ConnectError.from(error).code] ?? "unknown";
    result.failures[code] = (result.failures[code] ?? 0) + 1;
  }
  if (process.env.PROBE_LOG) console.log(i % 2 ? "grpc" : "api", Math.round(performance.now() - started));
  result.worstMs = Math.max(result.worstMs, performance.now() - started);
  result.calls += 1;
  await sleep(everyMs);
}
parentPort!.postMessage(result);
