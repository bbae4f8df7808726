import "server-only";
import type { DescMessage, DescMethodUnary, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { createQueryOptions } from "@connectrpc/connect-query";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { cache } from "react";
import type { ReactNode } from "react";
import { makeQueryClient } from "@/lib/query-client";
import { serverTransport } from "@/server/rpc/server-transport";

// One QueryClient per server request (React's cache is per request), shared by generateMetadata
// and the page, so an RPC both need runs once; never shared between requests or people.
const requestQueryClient = cache(makeQueryClient);

/**
 * Runs one RPC in-process into this request's cache, for {@link HydrateClient} to hand to the
 * browser. Resolves to the answer or the error, never throws: a failed call is left out of the
 * hydrated state, so the browser asks again and shows the failure like any later one.
 */
export async function prefetch<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  input: MessageInitShape<I>,
): Promise<{ data?: MessageShape<O>; error?: ConnectError }> {
  const queryClient = requestQueryClient();
  const options = createQueryOptions(method, input, { transport: serverTransport });
  await queryClient.prefetchQuery(options);
  const error = queryClient.getQueryState(options.queryKey)?.error;
  return { data: queryClient.getQueryData(options.queryKey), error: error ? ConnectError.from(error) : undefined };
}

/** Wraps client components in what this request prefetched, so their first render has the data. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(requestQueryClient())}>{children}</HydrationBoundary>;
}
