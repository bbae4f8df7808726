import { createReadStream } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { ServerResponse } from "node:http";

// The interactive API reference at /api/docs: Swagger UI (the swagger-ui-dist package) on the
// generated OpenAPI document. Its files are served from the package, and the page holds no
// inline script, so a strict Content-Security-Policy needs no exception for it.

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Orders API reference</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

// Same-origin "Try it out" calls carry the browser's cookies, so a signed-in person's session works.
const start = `window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  tryItOutEnabled: true,
});
`;

// Swagger UI's own files only; it styles elements inline, and CSS cannot run code.
const pagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

// A Map, not an object literal: a lookup of "constructor", "__proto__" or "toString" must find
// nothing, not a property every object inherits (which then failed as a file name).
const packageFiles: ReadonlyMap<string, string> = new Map([
  ["swagger-ui.css", "text/css; charset=utf-8"],
  ["swagger-ui-bundle.js", "text/javascript; charset=utf-8"],
]);

// Next runs the server from the project folder; the package is read from there, unbundled.
const packageDir = join(process.cwd(), "node_modules/swagger-ui-dist");

/** Answers /api/docs (asset undefined) and the files the page loads. */
export async function serveApiReference(asset: string | undefined, response: ServerResponse): Promise<void> {
  if (asset === undefined || asset === "start.js") {
    response.writeHead(200, {
      "Content-Type": asset ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
      ...(asset === undefined && { "Content-Security-Policy": pagePolicy }),
    });
    response.end(asset ? start : page);
    return;
  }
  const type = packageFiles.get(asset);
  if (!type) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
    return;
  }
  response.writeHead(200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" });
  await pipeline(createReadStream(join(packageDir, asset)), response);
}
