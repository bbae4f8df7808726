-- CreateTable
CREATE TABLE "deleted_orders" (
    "uuid" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "name_folded" TEXT NOT NULL,
    "completed" BOOLEAN NOT NULL,
    "date" DATETIME NOT NULL,
    "create_time" DATETIME NOT NULL,
    "update_time" DATETIME NOT NULL,
    "version" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "delete_time" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "deleted_orders_delete_time_idx" ON "deleted_orders"("delete_time");
