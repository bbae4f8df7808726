-- CreateTable
CREATE TABLE "order_counts" (
    "completed" BOOLEAN NOT NULL PRIMARY KEY,
    "total" INTEGER NOT NULL
);

-- Written by hand (Prisma cannot express triggers or virtual tables).
-- Counts per completed state, started from the rows already stored and kept by triggers, so
-- every write (the app, db:seed, a console) moves them in its own transaction.
INSERT INTO "order_counts" ("completed", "total")
SELECT 0, (SELECT COUNT(*) FROM "orders" WHERE NOT "completed")
UNION ALL
SELECT 1, (SELECT COUNT(*) FROM "orders" WHERE "completed");

CREATE TRIGGER "orders_count_insert" AFTER INSERT ON "orders" BEGIN
  UPDATE "order_counts" SET "total" = "total" + 1 WHERE "completed" = NEW."completed";
END;

CREATE TRIGGER "orders_count_delete" AFTER DELETE ON "orders" BEGIN
  UPDATE "order_counts" SET "total" = "total" - 1 WHERE "completed" = OLD."completed";
END;

CREATE TRIGGER "orders_count_update" AFTER UPDATE OF "completed" ON "orders"
WHEN OLD."completed" IS NOT NEW."completed" BEGIN
  UPDATE "order_counts" SET "total" = "total" - 1 WHERE "completed" = OLD."completed";
  UPDATE "order_counts" SET "total" = "total" + 1 WHERE "completed" = NEW."completed";
END;

-- Substring search index: FTS5 with the trigram tokenizer over the folded name, reading its
-- text from "orders" (external content: the names are not stored twice) by rowid.
-- case_sensitive 1 because name_folded is already folded by the app; then a phrase query of
-- 3+ characters matches exactly the names that contain it (phrases need the token positions,
-- so the default detail=full stays, about twice the size of detail=none). The rowid of "orders" is stable
-- as long as nobody runs VACUUM (the app never does); after one, rebuild the index with
-- INSERT INTO "orders_fts"("orders_fts") VALUES ('rebuild').
CREATE VIRTUAL TABLE "orders_fts" USING fts5(
  "name_folded", content = 'orders', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1'
);
INSERT INTO "orders_fts"("orders_fts") VALUES ('rebuild');

CREATE TRIGGER "orders_fts_insert" AFTER INSERT ON "orders" BEGIN
  INSERT INTO "orders_fts"("rowid", "name_folded") VALUES (NEW."rowid", NEW."name_folded");
END;

CREATE TRIGGER "orders_fts_delete" AFTER DELETE ON "orders" BEGIN
  INSERT INTO "orders_fts"("orders_fts", "rowid", "name_folded") VALUES ('delete', OLD."rowid", OLD."name_folded");
END;

CREATE TRIGGER "orders_fts_update" AFTER UPDATE OF "name_folded" ON "orders" BEGIN
  INSERT INTO "orders_fts"("orders_fts", "rowid", "name_folded") VALUES ('delete', OLD."rowid", OLD."name_folded");
  INSERT INTO "orders_fts"("rowid", "name_folded") VALUES (NEW."rowid", NEW."name_folded");
END;
