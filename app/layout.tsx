import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { AccountStatus } from "@/components/auth/account-status";
import { PhoneAccountLine } from "@/components/auth/phone-account-line";
import { SignedOutNotice } from "@/components/auth/signed-out-notice";
import { LiveIndicator } from "@/components/live-orders";
import { NavLink } from "@/components/nav-link";
import { Providers } from "@/components/providers";
import { knownTimeZone, preferredLocale, timeZoneCookie } from "@/lib/date-time";
import { currentAccount } from "@/server/auth/current-account";
import { config } from "@/server/config.js";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Orders", template: "%s · Orders" },
  description: "Create, find and track orders.",
};

const navLinkClass = "text-sm font-medium whitespace-nowrap text-zinc-700 hover:underline dark:text-zinc-300";

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request, so each carries the nonce of its own
  // CSP (proxy.ts). Dates render in the reader's zone and format from the first HTML on; the zone is known
  // from the second visit (a cookie the browser sets), see components/viewer-dates.tsx.
  const timeZone = knownTimeZone((await cookies()).get(timeZoneCookie)?.value);
  const locale = preferredLocale((await headers()).get("accept-language"));
  const account = await currentAccount();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-zinc-900"
        >
          Skip to content
        </a>
        <Providers locale={locale} timeZone={timeZone} liveHeartbeatMs={account ? config.watch.heartbeatMs : undefined}>
          <header className="border-b border-zinc-200 bg-white/80 dark:border-zinc-800 dark:bg-zinc-900/60">
            <nav aria-label="Main" className="mx-auto flex h-14 max-w-5xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
              <NavLink
                href="/"
                marked={false}
                className="flex min-h-6 items-center gap-2 rounded-md font-semibold tracking-tight"
              >
                <span
                  aria-hidden="true"
                  className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white"
                >
                  O
                </span>
                {/* Below 360 px the logo stands for the name, so the header stays on one line. */}
                <span className="max-[359px]:sr-only">Orders</span>
              </NavLink>
              {account && (
                <>
                  <NavLink href="/tokens" className={navLinkClass}>
                    <span className="max-[359px]:hidden">API tokens</span>
                    <span className="min-[360px]:hidden">Tokens</span>
                  </NavLink>
                  {/* One or the other, so the header fits 320 px: the owner's own password is on /accounts. */}
                  <NavLink href={account.role === "owner" ? "/accounts" : "/password"} className={navLinkClass}>
                    {account.role === "owner" ? "Accounts" : "Password"}
                  </NavLink>
                  <div className="ml-auto flex items-center gap-3">
                    <LiveIndicator className="max-sm:hidden" />
                    <AccountStatus username={account.username} />
                  </div>
                </>
              )}
            </nav>
            {account && <PhoneAccountLine username={account.username} />}
          </header>
          <noscript>
            <p className="mx-auto max-w-5xl px-4 pt-4 text-sm sm:px-6">
              This app needs JavaScript to add, change, search and page through orders. Turn it on in your browser to
              use them.
            </p>
            {/* Dates wait for the browser's zone on a first visit; without scripts, show them in UTC rather than not at all. */}
            <style>{"time.invisible{visibility:visible}"}</style>
          </noscript>
          <main id="main" className="mx-auto max-w-5xl px-4 pt-6 pb-16 sm:px-6 sm:pt-8">
            {account && <SignedOutNotice username={account.username} />}
            {children}
          </main>
          <footer className="mx-auto max-w-5xl px-4 pb-8 text-sm text-zinc-600 sm:px-6 dark:text-zinc-400">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- Swagger UI from an API route, not an app page: a full load */}
            <a href="/api/docs" className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100">
              API reference
            </a>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
