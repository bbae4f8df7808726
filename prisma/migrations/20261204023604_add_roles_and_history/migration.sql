-- Written by hand in place of Prisma's copy-and-rename of "orders", "accounts" and
-- "api_tokens": copying "orders" would drop the triggers of add_order_counts and add_live_orders
-- and renumber the rowids the search index refers to.

-- Who created each order and who last changed it: the events carry them to watchers.
ALTER TABLE "orders" ADD COLUMN "created_by" TEXT NOT NULL DEFAULT '';
ALTER TABLE "orders" ADD COLUMN "updated_by" TEXT NOT NULL DEFAULT '';
ALTER TABLE "order_events" ADD COLUMN "created_by" TEXT;
ALTER TABLE "order_events" ADD COLUMN "updated_by" TEXT;

-- Tokens issued before scopes keep the access they had.
ALTER TABLE "api_tokens" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'write';

-- The owner flag becomes a role: the owner stays the owner, everyone else could write and is
-- an editor.
ALTER TABLE "accounts" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'editor';
UPDATE "accounts" SET "role" = 'owner' WHERE "owner";
ALTER TABLE "accounts" DROP COLUMN "owner";

-- CreateTable
CREATE TABLE "order_history" (
    "order_uuid" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "time" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "token_name" TEXT,
    "changes" TEXT NOT NULL,

    PRIMARY KEY ("order_uuid", "version")
);

-- CreateIndex
CREATE INDEX "order_history_kind_time_idx" ON "order_history"("kind", "time");

-- The event triggers of add_live_orders, now also copying created_by and updated_by.
DROP TRIGGER "orders_event_insert";
CREATE TRIGGER "orders_event_insert" AFTER INSERT ON "orders" BEGIN
  INSERT INTO "order_events" ("id", "kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by")
  VALUES (
    MAX(COALESCE((SELECT MAX("id") FROM "order_events"), 0), (SELECT "pruned_through" FROM "order_event_log")) + 1,
    'created', NEW."uuid", NEW."name", NEW."completed", NEW."date", NEW."create_time", NEW."update_time", NEW."version", NEW."created_by", NEW."updated_by"
  );
END;

DROP TRIGGER "orders_event_update";
CREATE TRIGGER "orders_event_update" AFTER UPDATE ON "orders" BEGIN
  INSERT INTO "order_events" ("id", "kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version", "created_by", "updated_by")
  VALUES (
    MAX(COALESCE((SELECT MAX("id") FROM "order_events"), 0), (SELECT "pruned_through" FROM "order_event_log")) + 1,
    'updated', NEW."uuid", NEW."name", NEW."completed", NEW."date", NEW."create_time", NEW."update_time", NEW."version", NEW."created_by", NEW."updated_by"
  );
END;
