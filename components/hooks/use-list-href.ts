import { useSyncExternalStore } from "react";
import { listHref } from "@/lib/list-return";

const noChanges = () => () => {};

/** The list's URL as this tab last left it ("/" while rendering on the server). */
export function useListHref(): string {
  return useSyncExternalStore(noChanges, listHref, () => "/");
}
