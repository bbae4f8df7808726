import type { ListView } from "./list-view";

const what = { all: "Orders", open: "Open orders", completed: "Completed orders" } as const;

/**
 * The tab's title for a list view, so tabs and history entries say which list they hold:
 * "Open orders matching “ink”, page 2 · Orders"; the plain list is "Orders".
 */
export function listTitle(view: ListView): string {
  let title: string = what[view.filter];
  if (view.search.trim()) title += ` matching “${view.search.trim()}”`;
  if (view.from || view.to) title += `, ${view.from || "…"} to ${view.to || "…"}`;
  if (view.fromEnd) title += view.pageNumber > 1 ? `, page ${view.pageNumber} from the end` : ", last page";
  else if (view.page) title += `, page ${view.pageNumber}`;
  return title === "Orders" ? "Orders" : `${title} · Orders`;
}
