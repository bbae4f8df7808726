import { Code } from "@connectrpc/connect";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { knownTimeZone, timeZoneCookie } from "@/lib/date-time";
import { listTitle } from "@/lib/list-title";
import { OrdersScreen } from "@/components/orders/orders-screen";
import { OrderService } from "@/gen/order/order_pb";
import { listRequestOf, paramsFromRecord, parseListView } from "@/lib/list-view";
import { requireAccount } from "@/server/auth/current-account";
import { HydrateClient, prefetch } from "./prefetch";

type HomeProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tab says which list it holds; the browser keeps it current as the view changes (OrdersScreen). */
export async function generateMetadata({ searchParams }: HomeProps): Promise<Metadata> {
  return { title: { absolute: listTitle(parseListView(paramsFromRecord(await searchParams))) } };
}

/**
 * The orders list. The page the URL asks for is fetched here, in-process, and handed to the
 * browser's cache, so its rows are in the first HTML: no loading flash, no extra round trip.
 */
export default async function Home({ searchParams }: HomeProps) {
  const account = await requireAccount();
  const view = parseListView(paramsFromRecord(await searchParams));
  // The zone the browser will render with first (components/viewer-dates.tsx): the same query.
  const timeZone = knownTimeZone((await cookies()).get(timeZoneCookie)?.value) ?? "UTC";
  const { error } = await prefetch(OrderService.method.listOrders, listRequestOf(view, timeZone));
  // A stale page token (INVALID_ARGUMENT) is routine: the browser falls back to the first page.
  if (error && error.code !== Code.InvalidArgument) console.error("ListOrders prefetch failed:", error.message);
  return (
    <HydrateClient>
      <OrdersScreen canWrite={account.role !== "viewer"} />
    </HydrateClient>
  );
}
