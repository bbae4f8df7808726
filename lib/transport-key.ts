/**
 * The query-key name shared by the browser's and the server's transports. connect-query puts a
 * per-instance transport id in every key; a static key makes a page prefetched on the server land
 * in the same cache entry the browser then reads.
 */
export const ordersTransportKey = "orders-api";
