-- CreateTable
CREATE TABLE "orders" (
    "uuid" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "name_folded" TEXT NOT NULL,
    "completed" BOOLEAN NOT NULL DEFAULT false,
    "date" DATETIME NOT NULL,
    "create_time" DATETIME NOT NULL,
    "update_time" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "orders_date_uuid_idx" ON "orders"("date", "uuid");

-- CreateIndex
CREATE INDEX "orders_name_uuid_idx" ON "orders"("name", "uuid");

-- CreateIndex
CREATE INDEX "orders_create_time_uuid_idx" ON "orders"("create_time", "uuid");
