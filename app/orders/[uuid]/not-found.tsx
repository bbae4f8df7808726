import type { Metadata } from "next";
import { OrderGone } from "@/components/orders/order-gone";

export const metadata: Metadata = { title: "Order not found" };

export default function OrderNotFound() {
  return <OrderGone />;
}
