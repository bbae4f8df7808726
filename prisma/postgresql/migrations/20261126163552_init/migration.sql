-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "orders" (
    "uuid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_folded" TEXT NOT NULL,
    "completed" BOOLEAN NOT NULL DEFAULT false,
    "date" TIMESTAMP(3) NOT NULL,
    "create_time" TIMESTAMP(3) NOT NULL,
    "update_time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("uuid")
);

-- CreateIndex
CREATE INDEX "orders_date_uuid_idx" ON "orders"("date", "uuid");

-- CreateIndex
CREATE INDEX "orders_name_uuid_idx" ON "orders"("name", "uuid");

-- CreateIndex
CREATE INDEX "orders_create_time_uuid_idx" ON "orders"("create_time", "uuid");
