// Next calls register() once when a server process starts: the gRPC listener lives in the
// same process as the app (`npm run dev` and `npm start` start both).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.GRPC_PORT === "off") return;
  const { startGrpcServer } = await import("./server/grpc-server");
  try {
    const server = await startGrpcServer();
    const address = server.address();
    console.log(`gRPC listening on :${typeof address === "object" && address ? address.port : "?"}`);
  } catch (error) {
    // The web app stays useful without the second port, so a taken port is reported, not fatal.
    console.error("gRPC listener not started:", error instanceof Error ? error.message : error);
  }
}
