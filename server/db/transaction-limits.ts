/**
 * Interactive transactions' limits: Prisma's defaults (2 s to get a connection, 5 s to finish)
 * fail a group of 500 creates on a busy machine, and hundreds of single writes queued for a
 * pool of ten connections.
 */
export const transactionLimits = { maxWait: 10_000, timeout: 30_000 };
