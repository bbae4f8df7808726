import { replaceEqualDeep } from "@tanstack/react-query";

/**
 * What browser bundles get instead of connect-query's structural sharing (next.config.mjs
 * aliases it): TanStack Query's own, replaceEqualDeep. The app's messages are proto3, plain
 * objects without a prototype chain, so an answer equal to the cached one keeps its reference as
 * with protobuf's equals(), and a changed page keeps its unchanged rows' as well. equals() and
 * what only it needs (extensions, Any) stay out of every page: about 1 kB gzip.
 */
export function createStructuralSharing(): <T>(oldData: unknown, newData: T) => T {
  return replaceEqualDeep;
}
