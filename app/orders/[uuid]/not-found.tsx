import type { Metadata } from "next";
import { OrderGone } from "@/components/orders/order-gone";

export const metadata: Metadata = { title: "Order not found" };

export default function OrderNotFound() {
  return (
    <>
      {/* Rendered here as well: a not-found raised from generateMetadata keeps the layout's default title. */}
      <title>Order not found · Orders</title>
      <OrderGone />
    </>
  );
}
