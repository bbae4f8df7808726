import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code, createClient, createRouterTransport } from "@connectrpc/connect";
import { ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";
import { OrderBulkService } from "../../gen/order/order_bulk_pb";
import { OrderService } from "../../gen/order/order_pb";
import { createOwner } from "../../server/auth/accounts";
import { issueApiToken } from "../../server/auth/api-tokens";
import { authSecret } from "../../server/auth/auth-secret";
import { parseConfig } from "../../server/config.js";
import { createStore } from "../../server/db/store";
import type { Store } from "../../server/db/store";
import { createRouterOptions, createRoutes } from "../../server/rpc/routes";
import { capturedLog } from "./captured-log";
import { rejectsWith, rejectsWithReason, violatedFields } from "./connect-errors";
import { sendToken } from "./credentials";

/** A migrated, empty database for one provider, and how to throw it away. */
export type BulkDatabase = { url: string; drop: () => Promise<void> };

const csv = (text: string) => ({ contentType: "text/csv", data: new TextEncoder().encode(text) });

/**
 * Batch writes, soft delete and undo, import and export on one provider, through the real routes
 * (every call authenticated, every error as a remote client decodes it).
 */
export function bulkChecks(provider: "sqlite" | "postgresql", setUp: () => Promise<BulkDatabase>): void {
  describe(`bulk actions on ${provider}`, () => {
    let database: BulkDatabase;
    let store: Store;
    const clientsFor = (token: () => Promise<string>) => {
      const transport = createRouterTransport(createRoutes(store, { logger: capturedLog().logger }), {
        router: createRouterOptions({ logger: capturedLog().logger }),
        transport: { interceptors: [sendToken(token)] },
      });
      return { orders: createClient(OrderService, transport), bulk: createClient(OrderBulkService, transport) };
    };
    const tokenOf = (scope: "read" | "write", owner: Parameters<typeof issueApiToken>[2]["owner"]) => {
      let issued: Promise<string> | undefined;
      return () =>
        (issued ??= issueApiToken(store, authSecret(), { name: `t-${scope}`, scope, owner }).then((t) => t.token));
    };
    let editor: ReturnType<typeof clientsFor>;
    let reader: ReturnType<typeof clientsFor>;
    let owner: ReturnType<typeof clientsFor>;

    before(async () => {
      database = await setUp();
      store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
      editor = clientsFor(tokenOf("write", { service: "editor" }));
      reader = clientsFor(tokenOf("read", { service: "reader" }));
      const created = await createOwner(store, "olga", "a password of twelve+");
      assert.ok("account" in created);
      owner = clientsFor(tokenOf("write", { accountId: created.account.id, username: "olga" }));
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const newOrders = async (...names: string[]) =>
      Promise.all(
        names.map(async (name) => (await editor.orders.createOrder({ name, date: "2024-05-01T10:00:00Z" })).order!),
      );
    const listNames = async (nameContains: string) =>
      (await editor.orders.listOrders({ pageSize: 500, nameContains, orderBy: 3 })).orders.map((order) => order.name);
    const totalOf = async () => (await editor.orders.listOrders({ pageSize: 1 })).totalSize;

    test("BatchDeleteOrders with one unknown uuid deletes nothing, and names it by index", async () => {
      const orders = await newOrders("atom-a", "atom-b", "atom-c");
      const total = await totalOf();
      const unknown = "0d4c5ab6-2b2e-4a4f-9c53-7f7f3e1c2d10";
      const { error, metadata } = await rejectsWithReason(
        editor.bulk.batchDeleteOrders({ uuids: [orders[0]!.uuid, unknown, orders[2]!.uuid] }),
        Code.NotFound,
        "ORDER_NOT_FOUND",
      );
      assert.deepEqual(metadata, { index: "1", uuid: unknown });
      assert.equal(error.findDetails(ErrorInfoSchema).length, 1);
      assert.deepEqual(await listNames("atom-"), ["atom-a", "atom-b", "atom-c"]);
      assert.equal(await totalOf(), total);
      for (const order of orders)
        assert.equal((await editor.orders.readOrder({ uuid: order.uuid })).order!.etag, order.etag);
    });

    test("a stale etag in BatchUpdateOrders changes none of the orders", async () => {
      const orders = await newOrders("stale-a", "stale-b");
      await editor.orders.updateOrder({ uuid: orders[1]!.uuid, name: "stale-b2", updateMask: { paths: ["name"] } });
      const { metadata } = await rejectsWithReason(
        editor.bulk.batchUpdateOrders({
          requests: orders.map((order) => ({
            uuid: order.uuid,
            completed: true,
            etag: order.etag,
            updateMask: { paths: ["completed"] },
          })),
        }),
        Code.Aborted,
        "ETAG_MISMATCH",
      );
      assert.deepEqual(metadata, { index: "1", uuid: orders[1]!.uuid, etag: '"2"' });
      const after = await Promise.all(orders.map((order) => editor.orders.readOrder({ uuid: order.uuid })));
      assert.deepEqual(
        after.map((answer) => answer.order!.completed),
        [false, false],
      );
      // An invalid field fails it the same way, before anything is read.
      const invalid = await rejectsWith(
        editor.bulk.batchUpdateOrders({
          requests: [{ uuid: orders[0]!.uuid, name: " ", updateMask: { paths: ["name"] } }, { uuid: orders[0]!.uuid }],
        }),
        Code.InvalidArgument,
      );
      assert.deepEqual(violatedFields(invalid), ["requests[1]", "requests[0].name", "requests[1].name"]);
    });

    test("a batch update and its undo: one history entry per order each, with the actor", async () => {
      const orders = await newOrders("undo-a", "undo-b", "undo-c");
      const changed = await editor.bulk.batchUpdateOrders({
        requests: orders.map((order) => ({
          uuid: order.uuid,
          completed: true,
          etag: order.etag,
          updateMask: { paths: ["completed"] },
        })),
      });
      assert.deepEqual(
        changed.orders.map((order) => [order.completed, order.etag, order.updatedBy]),
        orders.map(() => [true, '"2"', "service:editor"]),
      );
      const undone = await editor.bulk.batchUpdateOrders({
        requests: changed.orders.map((order) => ({
          uuid: order.uuid,
          completed: false,
          etag: order.etag,
          updateMask: { paths: ["completed"] },
        })),
      });
      assert.deepEqual(
        undone.orders.map((order) => order.completed),
        [false, false, false],
      );
      const history = await store.orderHistory.list(orders[0]!.uuid, undefined, 10);
      assert.deepEqual(
        history.map((entry) => [entry.kind, entry.actor]),
        [
          ["updated", "service:editor"],
          ["updated", "service:editor"],
          ["created", "service:editor"],
        ],
      );
    });

    test("deleted orders are hidden, listed with show_deleted for the owner only, and undeleted", async () => {
      const orders = await newOrders("soft-a", "soft-b", "soft-c");
      const total = await totalOf();
      const deleted = await editor.bulk.batchDeleteOrders({
        uuids: orders.map((order) => order.uuid),
        etags: orders.map((order) => order.etag),
      });
      assert.ok(deleted.orders.every((order) => order.deleteTime && order.purgeTime && order.etag === '"2"'));
      const days = Number(deleted.orders[0]!.purgeTime!.seconds - deleted.orders[0]!.deleteTime!.seconds) / 86_400;
      assert.equal(days, 30);
      await rejectsWithReason(editor.orders.readOrder({ uuid: orders[0]!.uuid }), Code.NotFound, "ORDER_NOT_FOUND");
      assert.deepEqual(await listNames("soft-"), []);
      assert.equal(await totalOf(), total - 3);
      await rejectsWithReason(editor.orders.listOrders({ showDeleted: true }), Code.PermissionDenied, "OWNER_ONLY");
      const shown = await owner.orders.listOrders({
        pageSize: 50,
        nameContains: "soft-",
        showDeleted: true,
        orderBy: 3,
      });
      assert.deepEqual(
        shown.orders.map((order) => [order.name, Boolean(order.deleteTime)]),
        [
          ["soft-a", true],
          ["soft-b", true],
          ["soft-c", true],
        ],
      );
      assert.equal(shown.totalSize, 3);
      // Undo: one alone, then the rest at once.
      const one = await editor.orders.undeleteOrder({ uuid: orders[0]!.uuid });
      assert.equal(one.order!.etag, '"3"');
      assert.equal(one.order!.deleteTime, undefined);
      await rejectsWithReason(editor.orders.undeleteOrder({ uuid: orders[0]!.uuid }), Code.NotFound, "ORDER_NOT_FOUND");
      // One not deleted among them: nothing is restored.
      await rejectsWith(editor.bulk.batchUndeleteOrders({ uuids: orders.map((order) => order.uuid) }), Code.NotFound);
      assert.deepEqual(await listNames("soft-"), ["soft-a"]);
      await editor.bulk.batchUndeleteOrders({ uuids: orders.slice(1).map((order) => order.uuid) });
      assert.deepEqual(await listNames("soft-"), ["soft-a", "soft-b", "soft-c"]);
      assert.equal(await totalOf(), total);
      const history = await store.orderHistory.list(orders[1]!.uuid, undefined, 10);
      assert.deepEqual(
        history.map((entry) => [entry.version, entry.kind]),
        [
          [3, "restored"],
          [2, "deleted"],
          [1, "created"],
        ],
      );
    });

    test("purging forgets orders deleted before the cutoff", async () => {
      const [order] = await newOrders("purged");
      await editor.orders.deleteOrder({ uuid: order!.uuid });
      assert.equal(await store.orders.purgeDeleted(new Date(Date.now() - 60_000)), 0);
      assert.equal(await store.orders.purgeDeleted(new Date(Date.now() + 1_000)), 1);
      await rejectsWith(editor.orders.undeleteOrder({ uuid: order!.uuid }), Code.NotFound);
    });

    test("viewers and read-scoped tokens are refused every batch write", async () => {
      const [order] = await newOrders("read-only");
      const uuids = [order!.uuid];
      for (const call of [
        () => reader.bulk.batchDeleteOrders({ uuids }),
        () =>
          reader.bulk.batchUpdateOrders({
            requests: [{ uuid: order!.uuid, completed: true, updateMask: { paths: ["completed"] } }],
          }),
        () => reader.bulk.batchUndeleteOrders({ uuids }),
        () => reader.orders.undeleteOrder({ uuid: order!.uuid }),
        () => reader.bulk.importOrders({ body: csv("name\nx\n"), validateOnly: true }),
      ]) {
        await rejectsWithReason(call(), Code.PermissionDenied, "TOKEN_SCOPE_READ_ONLY");
      }
      assert.deepEqual(await listNames("read-only"), ["read-only"]);
      // Exporting reads.
      const chunks: string[] = [];
      for await (const chunk of reader.bulk.exportOrders({ nameContains: "read-only" }))
        chunks.push(new TextDecoder().decode(chunk.data));
      assert.match(chunks.join(""), /read-only/);
    });

    test("a validate_only import names each bad line and creates nothing; a real one creates all or none", async () => {
      const total = await totalOf();
      const file = [
        "name,completed,date,request_id",
        "imp-good,true,2024-05-01T10:00:00Z,r-1",
        ",false,,r-2",
        "imp-bad-date,maybe,yesterday,r-3",
        '"imp, quoted ""x""",false,,r-1',
        "",
      ].join("\n");
      const report = await editor.bulk.importOrders({ body: csv(file), validateOnly: true });
      assert.equal(report.rowCount, 4);
      assert.deepEqual(
        report.problems.map((problem) => [problem.line, problem.field]),
        [
          [3, "name"],
          [4, "completed"],
          [4, "date"],
          [5, "request_id"],
        ],
      );
      assert.equal(await totalOf(), total);
      const rejected = await rejectsWith(editor.bulk.importOrders({ body: csv(file) }), Code.InvalidArgument);
      assert.deepEqual(violatedFields(rejected), [
        "line 3: name",
        "line 4: completed",
        "line 4: date",
        "line 5: request_id",
      ]);
      assert.equal(await totalOf(), total);
      const good =
        'name,completed,date,request_id\r\nimp-one,true,2024-05-01T10:00:00Z,q-1\r\n"imp, two",false,,q-2\r\n\'=imp-three,,,\r\n';
      const made = await editor.bulk.importOrders({ body: csv(good) });
      assert.deepEqual([made.createdCount, made.existingCount, made.problems.length], [3, 0, 0]);
      assert.deepEqual(await listNames("imp"), ["=imp-three", "imp, two", "imp-one"]);
      // The same file again: the rows with a request_id are not created twice.
      const again = await editor.bulk.importOrders({ body: csv(good) });
      assert.deepEqual([again.createdCount, again.existingCount], [1, 2]);
      // A check says the same before anything is created, and names a request_id used for another row.
      const check = await editor.bulk.importOrders({ body: csv(good), validateOnly: true });
      assert.deepEqual([check.createdCount, check.existingCount, check.problems.length], [0, 2, 0]);
      const reused = await editor.bulk.importOrders({
        body: csv("name,completed,request_id\nimp-other,false,q-1\n"),
        validateOnly: true,
      });
      assert.deepEqual(
        reused.problems.map(({ line, field }) => [line, field]),
        [[2, "request_id"]],
      );
      assert.equal(await totalOf(), total + 4);
    });

    test("an import takes 10,000 rows in one transaction, and names the row past the limit", async () => {
      const total = await totalOf();
      const rows = Array.from({ length: 10_000 }, (_, index) => `limit-${index},false,2024-05-01T10:00:00Z`);
      const started = performance.now();
      const made = await editor.bulk.importOrders({ body: csv(["name,completed,date", ...rows].join("\n")) });
      const ms = Math.round(performance.now() - started);
      assert.equal(made.createdCount, 10_000, `in ${ms} ms`);
      assert.equal(await totalOf(), total + 10_000);
      const over = await editor.bulk.importOrders({
        body: csv(["name", ...rows.slice(0, 10_001 - 1).map((row) => row.split(",")[0]), "one-more"].join("\n")),
        validateOnly: true,
      });
      assert.deepEqual(
        over.problems.map(({ line, field, message }) => ({ line, field, message })),
        [{ line: 10_002, field: "", message: "An import holds at most 10000 rows." }],
      );
      const tooBig = await rejectsWith(
        editor.bulk.importOrders({ body: csv(`name\n${"x,".repeat(500_001)}`), validateOnly: true }),
        Code.InvalidArgument,
      );
      assert.deepEqual(violatedFields(tooBig), ["body"]);
    });

    test("an export holds every order of the listing, RFC 4180 quoted, formulas escaped", async () => {
      await newOrders("exp,comma", 'exp "quote"', "=exp(1)", "-exp");
      for (let index = 0; index < 30; index++) await newOrders(`exp-many-${String(index).padStart(2, "0")}`);
      const chunks: Uint8Array[] = [];
      for await (const chunk of editor.bulk.exportOrders({ nameContains: "exp", orderBy: 3 })) {
        assert.equal(chunk.contentType, "text/csv; charset=utf-8");
        chunks.push(chunk.data);
      }
      const text = new TextDecoder().decode(Buffer.concat(chunks));
      const lines = text.split("\r\n");
      assert.equal(lines[0], "uuid,name,completed,date,create_time,update_time");
      const names = lines.slice(1, -1).map((line) => line.split(",")[1]);
      assert.equal(lines.length, 1 + 34 + 1);
      assert.deepEqual(names.slice(0, 3), ["'-exp", "'=exp(1)", '"exp ""quote"""']);
      assert.match(text, /,"exp,comma",/);
      assert.match(text, /,"exp ""quote""",/);
    });
  });
}
