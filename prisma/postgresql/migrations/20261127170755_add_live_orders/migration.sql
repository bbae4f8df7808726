-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "order_requests" (
    "request_id" TEXT NOT NULL,
    "order_uuid" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "create_time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "order_requests_pkey" PRIMARY KEY ("request_id")
);

-- CreateTable
CREATE TABLE "order_events" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "order_uuid" TEXT NOT NULL,
    "name" TEXT,
    "completed" BOOLEAN,
    "date" TIMESTAMP(3),
    "create_time" TIMESTAMP(3),
    "update_time" TIMESTAMP(3),
    "version" INTEGER,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_event_log" (
    "id" INTEGER NOT NULL,
    "pruned_through" BIGINT NOT NULL,

    CONSTRAINT "order_event_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "order_requests_create_time_idx" ON "order_requests"("create_time");

-- Written by hand (Prisma cannot express triggers). See the add_order_counts migration for why
-- every semicolon in a function body is written \073.
-- The event log starts empty, with nothing pruned yet.
INSERT INTO "order_event_log" ("id", "pruned_through") VALUES (1, 0);

-- Every write to "orders" records its events in the same transaction, one statement-level
-- trigger per kind. The event id is the watch cursor, so ids must become visible in the order
-- they are taken: a sequence alone does not promise that: a transaction that took 11 may commit
-- before the one that took 10, and a watcher past 11 would never see 10. So each writing
-- transaction first takes one transaction-scoped advisory lock, held until it commits: events
-- are numbered in commit order. Then NOTIFY wakes every app instance's watcher (LISTEN), which
-- reads the new rows. Identical notifications of one transaction are delivered once.
CREATE FUNCTION "order_events_record"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  -- The lock key is arbitrary: only this function takes it.
  PERFORM pg_advisory_xact_lock(4242001)\073
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "order_events" ("kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version")
    SELECT ''created'', "uuid", "name", "completed", "date", "create_time", "update_time", "version" FROM new_rows\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO "order_events" ("kind", "order_uuid", "name", "completed", "date", "create_time", "update_time", "version")
    SELECT ''updated'', "uuid", "name", "completed", "date", "create_time", "update_time", "version" FROM new_rows\073
  ELSE
    INSERT INTO "order_events" ("kind", "order_uuid") SELECT ''deleted'', "uuid" FROM old_rows\073
  END IF\073
  PERFORM pg_notify(''order_events'', '''')\073
  RETURN NULL\073
END
';

CREATE TRIGGER "orders_event_insert" AFTER INSERT ON "orders"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_events_record"();

CREATE TRIGGER "orders_event_update" AFTER UPDATE ON "orders"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_events_record"();

CREATE TRIGGER "orders_event_delete" AFTER DELETE ON "orders"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_events_record"();
