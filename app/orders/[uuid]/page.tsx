import { Code, ConnectError } from "@connectrpc/connect";
import { createQueryOptions } from "@connectrpc/connect-query";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderDetail } from "@/components/order-detail";
import { OrderService } from "@/gen/order/order_pb";
import type { ReadOrderResponse } from "@/gen/order/order_pb";
import { makeQueryClient } from "@/lib/query-client";
import { serverTransport } from "@/server/rpc/server-transport";

type OrderPageProps = { params: Promise<{ uuid: string }> };

// One in-process read per request, shared by the title and the page.
const prefetchOrder = cache(async (uuid: string) => {
  const queryClient = makeQueryClient();
  const options = createQueryOptions(OrderService.method.readOrder, { uuid }, { transport: serverTransport });
  await queryClient.prefetchQuery(options);
  const error = queryClient.getQueryState(options.queryKey)?.error;
  const code = error ? ConnectError.from(error).code : undefined;
  // A malformed uuid names no order either: both are "not found" to a person.
  if (code === Code.NotFound || code === Code.InvalidArgument) notFound();
  return { queryClient, order: queryClient.getQueryData<ReadOrderResponse>(options.queryKey)?.order };
});

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  const { order } = await prefetchOrder((await params).uuid);
  return { title: order?.name ?? "Order" };
}

/** One order, prefetched on the server so its details are in the first HTML. */
export default async function OrderPage({ params }: OrderPageProps) {
  const { uuid } = await params;
  const { queryClient } = await prefetchOrder(uuid);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrderDetail uuid={uuid} />
    </HydrationBoundary>
  );
}
