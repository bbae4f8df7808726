// Where the suite's server and its signed-in state live, shared by playwright.config.ts,
// the setup project (auth.setup.ts) and the fixtures.

export const e2ePort = Number(process.env.E2E_PORT ?? 3210);
export const databaseFile = `.tmp/e2e-${e2ePort}.db`;
/** The server's AUTH_SECRET: `next start` runs in production mode, which requires one. */
export const authSecret = "e2e-only-secret-never-used-in-production-0123456789";
/** The owner the setup project creates on the fresh database. */
export const owner = { username: "owner", password: "e2e owner password" } as const;
/** Cookies of the owner's session: every spec starts signed in (playwright.config.ts). */
export const ownerStateFile = `.tmp/e2e-${e2ePort}-owner.json`;
/** An API token from `npm run token`, for the `api` fixture. */
export const apiTokenFile = `.tmp/e2e-${e2ePort}-token`;
