// Next calls register() once when a server process starts: the gRPC listener lives in the
// same process as the app (`npm run dev` and `npm start` start both).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ config }, { authSecretOrExit }, { appStore }, { createRoutes }, { startGrpcServer }] = await Promise.all([
    import("./server/config.js"),
    import("./server/auth/auth-secret"),
    import("./server/db/app-store"),
    import("./server/rpc/routes"),
    import("./server/rpc/grpc-server"),
  ]);
  authSecretOrExit();
  if (config.grpcPort === undefined) return;
  try {
    await startGrpcServer(createRoutes(appStore()), config.grpcPort);
    console.log(`gRPC listening on :${config.grpcPort}`);
  } catch (error) {
    // The web app stays useful without the second port, so a taken port is reported, not fatal.
    console.error("gRPC listener not started:", error instanceof Error ? error.message : error);
  }
}
