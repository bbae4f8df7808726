-- Written by hand in place of Prisma's copy-and-rename of "orders", which would drop the
-- triggers of add_order_counts and add_live_orders and renumber the rowids the search index
-- refers to.

-- What names sort by (lib/name-fold.ts), compared byte by byte (SQLite's BINARY collation).
ALTER TABLE "orders" ADD COLUMN "name_key" TEXT NOT NULL DEFAULT '';
DROP INDEX "orders_name_uuid_idx";
CREATE INDEX "orders_name_key_uuid_idx" ON "orders"("name_key", "uuid");

-- The key, and name_folded's new fold (accents dropped), are computed in TypeScript: db:migrate
-- fills them in for the rows this leaves at '' (scripts/db/backfill-name-keys.ts).
