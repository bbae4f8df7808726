-- DropIndex
DROP INDEX "orders_name_uuid_idx";

-- AlterTable
-- COLLATE "C" , written by hand as the schema cannot say it: the key compares byte by byte, as
-- on SQLite, whatever the database's locale.
ALTER TABLE "orders" ADD COLUMN     "name_key" TEXT COLLATE "C" NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "orders_name_key_uuid_idx" ON "orders"("name_key", "uuid");

-- The key, and name_folded's new fold (accents dropped), are computed in TypeScript: db:migrate
-- fills them in for the rows this leaves at '' (scripts/db/backfill-name-keys.ts).
