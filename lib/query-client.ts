import { Code, ConnectError } from "@connectrpc/connect";
import { QueryClient } from "@tanstack/react-query";

// Failures a second attempt can cure; a rejected request or a missing order will not change.
const transientCodes = new Set([Code.Unavailable, Code.Unknown, Code.DeadlineExceeded, Code.ResourceExhausted]);

/**
 * A QueryClient configured for orders: shared by the server's prefetch and the browser.
 *
 * No custom (de)serializer for hydration: the dehydrated state reaches the browser as a prop of
 * HydrationBoundary, through React's own server-component serialization, which carries BigInt
 * (Timestamp seconds), undefined and plain objects as they are. order.proto is proto3, so its
 * messages are plain objects with a `$typeName` (no prototype-held proto2 defaults to lose).
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so the browser does not refetch what the server has just rendered.
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < 1 && transientCodes.has(ConnectError.from(error).code),
        retryDelay: 400,
      },
    },
  });
}
