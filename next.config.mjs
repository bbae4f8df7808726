import browserDescriptors from "./gen/browser/aliases.json" with { type: "json" };
import { config } from "./server/config.js";

// Sent with every answer, pages and API alike; the pages' CSP comes from proxy.ts.
// X-Frame-Options is for browsers that predate CSP's frame-ancestors.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets a test run build and serve from its own folder beside a developer's .next.
  distDir: config.distDir,
  poweredByHeader: false,
  // Pages get their nonce CSP from proxy.ts; API answers and the icon (an SVG opened on its own
  // could run script) are data, and get one that allows nothing (the API reference page at
  // /api/docs sets its own).
  async headers() {
    const allowNothing = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: allowNothing },
      { source: "/icon.svg", headers: allowNothing },
    ];
  },
  experimental: {
    // React and Next's client runtime are CommonJS: without this, every export of theirs
    // ships whether used or not (about 0.5 kB gzip of `/`).
    turbopackCjsTreeShaking: true,
    // Fewer, larger client chunks per page: gzip compresses one file better than the same code
    // split in ten, and a first visit pays for every request. Turbopack's defaults split `/`
    // into 11 scripts; these leave 6 and about 2.5 kB gzip less. The price: a page's merged
    // chunk repeats some code another page already loaded, so going from the list to an order
    // fetches about 5 kB gzip more (12.6 kB instead of 7.1).
    turbopackChunking: { minChunkSize: 400_000, maxChunkCountPerGroup: 3, requestCost: 2_000_000 },
  },
  turbopack: {
    // Browser bundles only.
    resolveAlias: {
      // The generated modules the pages use, and the well-known types and descriptor.proto enum
      // they reach, with descriptors linked from tables instead of decoded by protobuf's
      // registry (scripts/protoc-gen-browser-descriptor.ts); the registry itself is left out.
      ...Object.fromEntries(Object.entries(browserDescriptors).map(([name, target]) => [name, { browser: target }])),
      "./registry.js": { browser: "./lib/protobuf-registry.browser.ts" },
      "../registry.js": { browser: "./lib/protobuf-registry.browser.ts" },
      // The browser speaks binary protobuf, so @bufbuild/protobuf's JSON codec stays out of every page.
      "./to-json.js": { browser: "./lib/protobuf-json.browser.ts" },
      "./from-json.js": { browser: "./lib/protobuf-json.browser.ts" },
      // The value checks of checked reflection, which the browser code never runs (lib/protobuf-reflect-check.browser.ts).
      "./reflect-check.js": { browser: "./lib/protobuf-reflect-check.browser.ts" },
      // connect-query's structural sharing compares with protobuf's equals(); TanStack's own
      // does as well for the app's plain proto3 messages (lib/structural-sharing.browser.ts).
      "./structural-sharing.js": { browser: "./lib/structural-sharing.browser.ts" },
      // TanStack Query's paging for infinite queries, which the app does not use.
      "./infiniteQueryBehavior.js": { browser: "./lib/infinite-query-behavior.browser.ts" },
    },
  },
  // Loaded by Node at run time instead of bundled: native bindings and WebAssembly.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
};

export default nextConfig;
