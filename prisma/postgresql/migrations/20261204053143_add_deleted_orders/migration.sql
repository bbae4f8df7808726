-- CreateTable
CREATE TABLE "deleted_orders" (
    "uuid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_folded" TEXT NOT NULL,
    "completed" BOOLEAN NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "create_time" TIMESTAMP(3) NOT NULL,
    "update_time" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    "delete_time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deleted_orders_pkey" PRIMARY KEY ("uuid")
);

-- CreateIndex
CREATE INDEX "deleted_orders_delete_time_idx" ON "deleted_orders"("delete_time");
