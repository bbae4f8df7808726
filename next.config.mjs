import { config } from "./server/config.js";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets a test run build and serve from its own folder beside a developer's .next.
  distDir: config.distDir,
  poweredByHeader: false,
  // Loaded by Node at run time instead of bundled: native bindings and WebAssembly.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
};

export default nextConfig;
