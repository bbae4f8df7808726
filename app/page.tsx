import { Code, ConnectError } from "@connectrpc/connect";
import { createQueryOptions } from "@connectrpc/connect-query";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { OrdersScreen } from "@/components/orders-screen";
import { OrderService } from "@/gen/order/order_pb";
import { listRequestOf, paramsFromRecord, parseListView } from "@/lib/list-view";
import { makeQueryClient } from "@/lib/query-client";
import { serverTransport } from "@/server/rpc/server-transport";

type HomeProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The orders list. The page the URL asks for is fetched here, in-process, and handed to the
 * browser's cache, so its rows are in the first HTML: no loading flash, no extra round trip.
 */
export default async function Home({ searchParams }: HomeProps) {
  const view = parseListView(paramsFromRecord(await searchParams));
  const queryClient = makeQueryClient();
  const options = createQueryOptions(OrderService.method.listOrders, listRequestOf(view), { transport: serverTransport });
  // A failed prefetch stays out of the dehydrated state: the browser asks again and shows the
  // failure (or, for a stale page token, falls back to the first page) like any later failure.
  await queryClient.prefetchQuery(options);
  const error = queryClient.getQueryState(options.queryKey)?.error;
  if (error && ConnectError.from(error).code !== Code.InvalidArgument) {
    console.error("ListOrders prefetch failed:", ConnectError.from(error).message);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrdersScreen />
    </HydrationBoundary>
  );
}
