// Where "← All orders" and the page after a delete go: the list as the person last left it in
// this tab (filter, sort, search, page), as Linear and GitHub's issue pages do. Kept in
// sessionStorage: per tab, gone with it, never sent to the server.

const key = "orders:list-search";

/** Remembers the list's query string ("" or "?status=open…"). */
export function rememberListSearch(search: string): void {
  try {
    sessionStorage.setItem(key, search);
  } catch {
    // Storage refused (private mode, quota): the links fall back to the plain list.
  }
}

/** The list's URL as last left in this tab; "/" on the server and before any visit. */
export function listHref(): string {
  if (typeof window === "undefined") return "/";
  try {
    return `/${sessionStorage.getItem(key) ?? ""}`;
  } catch {
    return "/";
  }
}
