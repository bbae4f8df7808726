-- Who created each order and who last changed it: the events carry them to watchers.
-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "created_by" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updated_by" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "order_events" ADD COLUMN     "created_by" TEXT,
ADD COLUMN     "updated_by" TEXT;

-- Tokens issued before scopes keep the access they had.
-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'write';

-- Edited by hand: the owner flag becomes a role (the owner stays the owner, everyone else
-- could write and is an editor) before the flag is dropped.
-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'editor';
UPDATE "accounts" SET "role" = 'owner' WHERE "owner";
ALTER TABLE "accounts" DROP COLUMN "owner";

-- CreateTable
CREATE TABLE "order_history" (
    "order_uuid" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "token_name" TEXT,
    "changes" TEXT NOT NULL,

    CONSTRAINT "order_history_pkey" PRIMARY KEY ("order_uuid","version")
);

-- CreateIndex
CREATE INDEX "order_history_kind_time_idx" ON "order_history"("kind", "time");

-- Written by hand: the event function of add_live_orders, now also copying created_by and
-- updated_by (see add_order_counts for why every semicolon in a function body is written \073).
CREATE OR REPLACE FUNCTION "order_events_record"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  -- The lock key is arbitrary: only this function takes it.
  PERFORM pg_advisory_xact_lock(4242001)\073
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "order_events" ("kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by")
    SELECT ''created'', "uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by" FROM new_rows\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO "order_events" ("kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by")
    SELECT ''updated'', "uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by" FROM new_rows\073
  ELSE
    INSERT INTO "order_events" ("kind", "order_uuid") SELECT ''deleted'', "uuid" FROM old_rows\073
  END IF\073
  PERFORM pg_notify(''order_events'', '''')\073
  RETURN NULL\073
END
';
