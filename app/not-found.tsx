import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/ui/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return <NotFoundPanel title="Page not found" explanation="There is nothing at this address." />;
}
