import type { JsonObject } from "@bufbuild/protobuf";

// One example call per REST route, by method name: the request message and the answer as
// proto3 JSON. The generator reads both with the descriptors (an unknown or mistyped field fails
// `npm run generate`) and splits the request into path, query and body as the route takes them.
// A route without an entry gets a placeholder built from its schema.

const uuid = "0d4c5ab6-2b2e-4a4f-9c53-7f7f3e1c2d10";
const order = {
  uuid,
  name: "Printer paper, 5 reams",
  completed: false,
  date: "2026-05-01T10:00:00.000Z",
  createTime: "2026-05-01T10:00:00.123Z",
  updateTime: "2026-05-01T10:00:00.123Z",
  etag: '"1"',
};
const ok = "ORDER_NOTIFICATION_TYPE_ENUM_OK";

export const examples: Record<string, { request: JsonObject; answer: JsonObject }> = {
  "order.OrderService.CreateOrder": {
    request: { name: order.name, date: order.date, requestId: "5f1e7d1c-8a8b-4f7e-9a53-3e3c2b1a0f9e" },
    answer: { notificationType: ok, order },
  },
  "order.OrderService.ReadOrder": {
    request: { uuid },
    answer: { notificationType: ok, order },
  },
  "order.OrderService.UpdateOrder": {
    request: { uuid, completed: true, updateMask: "completed", etag: '"1"' },
    answer: {
      notificationType: ok,
      order: { ...order, completed: true, updateTime: "2026-05-02T08:30:00.456Z", etag: '"2"' },
    },
  },
  "order.OrderService.DeleteOrder": {
    request: { uuid, etag: '"2"' },
    answer: { notificationType: ok, success: true },
  },
  "order.OrderService.ListOrders": {
    request: { pageSize: 2, completed: false, orderBy: "ORDER_BY_DATE_DESC" },
    answer: {
      notificationType: ok,
      orders: [order, { ...order, uuid: "9a0f3c2e-5d4b-4c1a-8e7f-6b5a4c3d2e1f", name: "Toner", etag: '"4"' }],
      nextPageToken: "CgYIgJ2zzwYSJDlhMGYzYzJlLTVkNGItNGMxYS04ZTdmLTZiNWE0YzNkMmUxZg",
      totalSize: 12,
    },
  },
  "order.OrderService.CheckStatusOrder": {
    request: { uuid },
    answer: { uuid, completed: true },
  },
};
