import { Code } from "@connectrpc/connect";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderDetail } from "@/components/orders/order-detail";
import { OrderService } from "@/gen/order/order_pb";
import { requireAccount } from "@/server/auth/current-account";
import { HydrateClient, prefetch } from "../../prefetch";

type OrderPageProps = { params: Promise<{ uuid: string }> };

/** The order, read once per request (the title and the page share it), or the not-found page. */
async function readOrder(uuid: string) {
  await requireAccount();
  const { data, error } = await prefetch(OrderService.method.readOrder, { uuid });
  // A malformed uuid names no order either: both are "not found" to a person.
  if (error?.code === Code.NotFound || error?.code === Code.InvalidArgument) notFound();
  return data?.order;
}

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  const order = await readOrder((await params).uuid);
  return { title: order?.name ?? "Order" };
}

/** One order, prefetched on the server so its details are in the first HTML. */
export default async function OrderPage({ params }: OrderPageProps) {
  const { uuid } = await params;
  const account = await requireAccount();
  await readOrder(uuid);
  return (
    <HydrateClient>
      <OrderDetail uuid={uuid} canWrite={account.role !== "viewer"} />
    </HydrateClient>
  );
}
