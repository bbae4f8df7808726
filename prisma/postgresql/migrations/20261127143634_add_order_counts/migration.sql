-- CreateTable
CREATE TABLE "order_counts" (
    "completed" BOOLEAN NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "order_counts_pkey" PRIMARY KEY ("completed")
);

-- Written by hand (Prisma cannot express triggers or operator-class indexes on this schema).
-- Counts per completed state, started from the rows already stored and kept by statement-level
-- triggers, so every write moves them in its own transaction, and a multi-row insert (grouped
-- creates, db:seed) updates each counter row once. Concurrent writers queue on the counter row
-- they change until their commit: the price of an exact count without a scan.
INSERT INTO "order_counts" ("completed", "total")
SELECT false, (SELECT COUNT(*) FROM "orders" WHERE NOT "completed")
UNION ALL
SELECT true, (SELECT COUNT(*) FROM "orders" WHERE "completed");

-- Every semicolon of the body is written \073 in an E'' string: @prisma/adapter-pg runs a
-- migration by splitting it at every semicolon, even in quotes and comments (executeScript).
CREATE FUNCTION "order_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  -- Each branch reads only the transition tables its trigger declares.
  IF TG_OP = ''INSERT'' THEN
    UPDATE "order_counts" AS c SET "total" = c."total" + d.n
    FROM (SELECT "completed", COUNT(*) AS n FROM new_rows GROUP BY "completed") AS d
    WHERE c."completed" = d."completed"\073
  ELSIF TG_OP = ''DELETE'' THEN
    UPDATE "order_counts" AS c SET "total" = c."total" - d.n
    FROM (SELECT "completed", COUNT(*) AS n FROM old_rows GROUP BY "completed") AS d
    WHERE c."completed" = d."completed"\073
  ELSE
    UPDATE "order_counts" AS c SET "total" = c."total" + d.n
    FROM (
      SELECT "completed", SUM(n) AS n
      FROM (SELECT "completed", 1 AS n FROM new_rows UNION ALL SELECT "completed", -1 FROM old_rows) AS moved
      GROUP BY "completed"
    ) AS d
    WHERE c."completed" = d."completed" AND d.n <> 0\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER "orders_count_insert" AFTER INSERT ON "orders"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_counts_apply"();

CREATE TRIGGER "orders_count_delete" AFTER DELETE ON "orders"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_counts_apply"();

CREATE TRIGGER "orders_count_update" AFTER UPDATE ON "orders"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_counts_apply"();

-- Substring search index: trigram GIN over the folded name. PostgreSQL's planner uses it for
-- the LIKE '%text%' the repository already sends (3+ characters, while shorter patterns scan).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE INDEX "orders_name_folded_trgm_idx" ON "orders" USING GIN ("name_folded" gin_trgm_ops);
