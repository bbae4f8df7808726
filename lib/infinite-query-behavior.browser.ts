/**
 * What browser bundles get instead of TanStack Query's infinite-query paging (next.config.mjs
 * aliases it): the app has no infinite queries (the list pages by tokens, one query a page), yet
 * every Query names it and would ship it, about 0.5 kB gzip of every page. A call that reaches
 * it is a bug to see at once, not a silent wrong answer.
 */
function noInfiniteQueries(): never {
  throw new Error("infinite queries are not bundled for the browser (lib/infinite-query-behavior.browser.ts)");
}

export const infiniteQueryBehavior = noInfiniteQueries;
export const hasNextPage = noInfiniteQueries;
export const hasPreviousPage = noInfiniteQueries;
