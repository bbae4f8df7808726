import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";

/** The static site a browser visits before calling the app cross-origin. */
export type SecondOrigin = { port: number; close: () => Promise<void> };

const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Orders from another site</title>
<script type="module" src="/page.js"></script></head><body></body></html>`;

/**
 * Bundles grpc-web-page.ts (Google's grpc-web runtime and the generated schemas) and serves
 * it from its own port: a different origin from the app, as an external team's site would be.
 */
export async function startSecondOrigin(): Promise<SecondOrigin> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, "grpc-web-page.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
  });
  const script = bundle.outputFiles[0]!.contents;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path === "/page.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else if (path === "/") response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    else response.writeHead(404).end();
  });
  // Port 0: the kernel picks a free one as it binds, so nothing can take it in between.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
