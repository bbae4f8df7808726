import { ConnectError, Code } from "@connectrpc/connect";
import { QueryClient } from "@tanstack/react-query";
import { deserializeQueryData, serializeQueryData } from "./protobuf-hydration";

// Failures a second attempt can cure; a rejected request or a missing order will not change.
const transientCodes = new Set([Code.Unavailable, Code.Unknown, Code.DeadlineExceeded, Code.ResourceExhausted]);

/** A QueryClient configured for orders: shared by the server's prefetch and the browser. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so the browser does not refetch what the server has just rendered.
        staleTime: 30_000,
        retry: (failureCount, error) => failureCount < 1 && transientCodes.has(ConnectError.from(error).code),
        retryDelay: 400,
      },
      dehydrate: {
        serializeData: serializeQueryData,
      },
      hydrate: {
        deserializeData: deserializeQueryData,
      },
    },
  });
}
