import "server-only";
import { cookies } from "next/headers";
import { timeZoneCookie } from "./time-zone-cookie";

/** The browser's time zone as remembered in its cookie, when it is one Intl knows; else UTC. */
export async function serverTimeZone(): Promise<string> {
  const value = (await cookies()).get(timeZoneCookie)?.value;
  if (!value) return "UTC";
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    // A cookie edited by hand; rendering in UTC is the safe, still-correct answer.
    return "UTC";
  }
}
