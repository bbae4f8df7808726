import type { ListOrdersResponse } from "@/gen/order/order_pb";
import type { ListView } from "./list-view";

/** Where each paging button leads from the page on screen; undefined where it has nowhere to go. */
export type Paging = {
  /** The page's ordinal from the start, as shown. */
  pageNumber: number;
  first?: ListView;
  previous?: ListView;
  next?: ListView;
  last?: ListView;
};

/**
 * The paging of a view over keyset tokens. From the start, pages follow next_page_token; the
 * last page is the first of the reversed listing (`fromEnd`), and from there the reversed
 * listing's tokens lead back toward the start: its next token is this view's Previous. Page 1
 * and the last page get a plain URL rather than a token: one address each.
 */
export function pagingOf(view: ListView, page: ListOrdersResponse, pageCount: number): Paging {
  const first: ListView = { ...view, page: "", pageNumber: 1, fromEnd: false };
  const last: ListView = { ...view, page: "", pageNumber: 1, fromEnd: true };
  if (!view.fromEnd) {
    // After a back-step the server may hand the first page back; trust its tokens over our count.
    const pageNumber = page.previousPageToken ? view.pageNumber : 1;
    return {
      pageNumber,
      first: pageNumber > 1 ? first : undefined,
      previous: page.previousPageToken
        ? pageNumber <= 2
          ? first
          : { ...view, page: page.previousPageToken, pageNumber: pageNumber - 1 }
        : undefined,
      next: page.nextPageToken ? { ...view, page: page.nextPageToken, pageNumber: pageNumber + 1 } : undefined,
      last: page.nextPageToken ? last : undefined,
    };
  }
  const fromEnd = page.previousPageToken ? view.pageNumber : 1;
  // The reversed listing ran out: this is the first page, however the count reads.
  const pageNumber = page.nextPageToken ? Math.max(pageCount - fromEnd + 1, 2) : 1;
  return {
    pageNumber,
    first: page.nextPageToken ? first : undefined,
    previous: page.nextPageToken ? { ...view, page: page.nextPageToken, pageNumber: fromEnd + 1 } : undefined,
    next: page.previousPageToken
      ? fromEnd <= 2
        ? last
        : { ...view, page: page.previousPageToken, pageNumber: fromEnd - 1 }
      : undefined,
    last: fromEnd > 1 ? last : undefined,
  };
}
