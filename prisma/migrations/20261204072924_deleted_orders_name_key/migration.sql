-- deleted_orders was created (add_deleted_orders) without the name key natural_name_sort gave
-- orders: a show_deleted listing sorts both tables by it together, and a delete or undelete
-- moves the key with the row. Written by hand in place of Prisma's copy-and-rename.
ALTER TABLE "deleted_orders" ADD COLUMN "name_key" TEXT NOT NULL DEFAULT '';

-- The key, and name_folded's new fold, are computed in TypeScript: db:migrate fills them in
-- for the rows this leaves at '' (scripts/db/backfill-name-keys.ts).
