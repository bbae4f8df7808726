-- CreateTable
CREATE TABLE "order_requests" (
    "request_id" TEXT NOT NULL PRIMARY KEY,
    "order_uuid" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "create_time" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "order_events" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "order_uuid" TEXT NOT NULL,
    "name" TEXT,
    "completed" BOOLEAN,
    "date" DATETIME,
    "create_time" DATETIME,
    "update_time" DATETIME,
    "version" INTEGER
);

-- CreateTable
-- No AUTOINCREMENT (edited by hand): its sqlite_sequence table would outlive every other table.
CREATE TABLE "order_event_log" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "pruned_through" BIGINT NOT NULL
);

-- AlterTable
-- Written by hand in place of Prisma's copy-and-rename of "orders", which would drop the
-- triggers of add_order_counts and renumber the rowids the search index refers to.
ALTER TABLE "orders" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "order_requests_create_time_idx" ON "order_requests"("create_time");

-- Written by hand (Prisma cannot express triggers).
-- The event log starts empty, with nothing pruned yet.
INSERT INTO "order_event_log" ("id", "pruned_through") VALUES (1, 0);

-- Every write to "orders" records its event in the same transaction. The id is the watch
-- cursor: one more than the highest ever used (the log may have been pruned to empty); SQLite
-- has one writer at a time, so ids are taken in commit order.
CREATE TRIGGER "orders_event_insert" AFTER INSERT ON "orders" BEGIN
  INSERT INTO "order_events" ("id", "kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version")
  VALUES (
    MAX(COALESCE((SELECT MAX("id") FROM "order_events"), 0), (SELECT "pruned_through" FROM "order_event_log")) + 1,
    'created', NEW."uuid", NEW."name", NEW."completed", NEW."date", NEW."create_time", NEW."update_time", NEW."version"
  );
END;

CREATE TRIGGER "orders_event_update" AFTER UPDATE ON "orders" BEGIN
  INSERT INTO "order_events" ("id", "kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version")
  VALUES (
    MAX(COALESCE((SELECT MAX("id") FROM "order_events"), 0), (SELECT "pruned_through" FROM "order_event_log")) + 1,
    'updated', NEW."uuid", NEW."name", NEW."completed", NEW."date", NEW."create_time", NEW."update_time", NEW."version"
  );
END;

CREATE TRIGGER "orders_event_delete" AFTER DELETE ON "orders" BEGIN
  INSERT INTO "order_events" ("id", "kind", "order_uuid")
  VALUES (
    MAX(COALESCE((SELECT MAX("id") FROM "order_events"), 0), (SELECT "pruned_through" FROM "order_event_log")) + 1,
    'deleted', OLD."uuid"
  );
END;
