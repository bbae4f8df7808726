import type { Drainable } from "./server/lifecycle/graceful-shutdown";

// Next calls register() once when a server process starts: the gRPC listener lives in the
// same process as the app (`npm run dev` and `npm start` start both), and so does the
// shutdown that drains both listeners and closes the store on SIGTERM/SIGINT.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [
    { config },
    { appStore },
    { createRoutes },
    { startGrpcServer },
    { drainableHttp2, shutDownGracefullyOnSignals },
    { setOwnGrpcUrl },
    { authSecretOrExit },
    { startOrderRetention },
    { appLogger },
    { exitOnFatalErrors },
  ] = await Promise.all([
    import("./server/config.js"),
    import("./server/db/store"),
    import("./server/rpc/routes"),
    import("./server/rpc/grpc-server"),
    import("./server/lifecycle/graceful-shutdown"),
    import("./server/check/check-client"),
    import("./server/auth/auth-secret"),
    import("./server/orders/order-retention"),
    import("./server/observability/logger"),
    import("./server/lifecycle/exit-on-fatal"),
  ]);
  exitOnFatalErrors();
  authSecretOrExit();
  if (config.otlpEndpoint !== undefined) {
    // Before anything serves, so the first RPC is traced. Unset: no SDK, no exporter.
    const { startOtlpTracing } = await import("./server/observability/tracing");
    await startOtlpTracing(config.otlpEndpoint, config.serviceName);
  }
  const stopOrderRetention = startOrderRetention(appStore(), appLogger());
  const listeners: Drainable[] = [];
  if (config.grpcPort !== undefined) {
    try {
      const server = await startGrpcServer(createRoutes(appStore()), { port: config.grpcPort, host: config.grpcHost });
      listeners.push(drainableHttp2(server));
      const address = server.address();
      // The bound port, not the configured one: GRPC_PORT=0 picks a free port (tests use it).
      const port = typeof address === "object" && address ? address.port : config.grpcPort;
      const host = config.grpcHost;
      const loopback = host === "0.0.0.0" || host === "::";
      setOwnGrpcUrl(`http://${loopback ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host}:${port}`);
      console.log(`gRPC listening on :${port}`);
    } catch (error) {
      // The web app stays useful without the second port, so a taken port is reported, not fatal.
      console.error("gRPC listener not started:", error instanceof Error ? error.message : error);
    }
  }
  shutDownGracefullyOnSignals({
    graceMs: config.shutdownGraceMs,
    listeners,
    closeStore: () => {
      stopOrderRetention();
      return appStore().close();
    },
    log: (line) => console.log(`shutdown: ${line}`),
  });
}
