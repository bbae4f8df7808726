// Who did what, on both databases: every kind of write records one history entry with its
// actor (the caller's subject and token name) in the write's transaction, ListOrderHistory
// answers them newest first with before/after values, a page at a time; a deleted order's
// history is the owner's to read until it is pruned.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { OrderHistoryKind } from "../gen/order/order_history_pb";
import type { OrderHistoryEntry } from "../gen/order/order_history_pb";
import { addAccount, createOwner } from "../server/auth/accounts";
import { issueApiToken } from "../server/auth/api-tokens";
import { authSecret } from "../server/auth/auth-secret";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { pruneExpiredHistory } from "../server/orders/order-retention";
import { rejectsFields, rejectsWith } from "./support/connect-errors";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { routerClients } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";

const postgresSkip = await postgresSkipReason();
const password = "a long enough password";

/** What a test reads of an entry: kind, actor, token and the changes as `field: before -> after`. */
const summary = (entry: OrderHistoryEntry) => ({
  kind: OrderHistoryKind[entry.kind],
  actor: entry.actor,
  token: entry.tokenName,
  changes: entry.changes.map((change) => `${change.field}: ${change.before} -> ${change.after}`),
});

function historyChecks(
  provider: "sqlite" | "postgresql",
  setUp: () => Promise<{ url: string; drop: () => Promise<void> }>,
) {
  describe(`order history on ${provider}`, { skip: provider === "postgresql" ? postgresSkip : undefined }, () => {
    let database: { url: string; drop: () => Promise<void> };
    let store: Store;
    // Clients acting as the owner (a token named "owner laptop") and as an editor, maria.
    let owner: ReturnType<typeof routerClients>;
    let maria: ReturnType<typeof routerClients>;
    before(async () => {
      database = await setUp();
      store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
      const created = await createOwner(store, "olga", password);
      const added = await addAccount(store, "maria", password, "editor");
      assert.ok("account" in created && "account" in added);
      const tokenOf = (account: { id: string; username: string }, name: string) => async () =>
        (
          await issueApiToken(store, authSecret(), {
            name,
            owner: { accountId: account.id, username: account.username },
          })
        ).token;
      owner = routerClients(store, { token: tokenOf(created.account, "owner laptop") });
      maria = routerClients(store, { token: tokenOf(added.account, "maria's script") });
    });
    after(async () => {
      await store?.close();
      await database?.drop();
    });

    test("each write names its actor and token, with every changed field before and after, newest first", async () => {
      const { order } = await maria.orders.createOrder({ name: "Paper", date: "2024-05-01T10:00:00Z" });
      const uuid = order!.uuid;
      assert.equal(order!.createdBy, "account:maria");
      assert.equal(order!.updatedBy, "account:maria");
      const renamed = await owner.orders.updateOrder({ uuid, name: "Printer paper", updateMask: { paths: ["name"] } });
      assert.equal(renamed.order!.createdBy, "account:maria");
      assert.equal(renamed.order!.updatedBy, "account:olga");
      await maria.orders.updateOrder({
        uuid,
        completed: true,
        date: "2024-06-01T00:00:00Z",
        updateMask: { paths: ["completed", "date"] },
      });
      const { entries } = await maria.history.listOrderHistory({ uuid });
      assert.deepEqual(entries.map(summary), [
        {
          kind: "UPDATED",
          actor: "account:maria",
          token: "maria's script",
          changes: ["completed: false -> true", "date: 2024-05-01T10:00:00.000Z -> 2024-06-01T00:00:00.000Z"],
        },
        {
          kind: "UPDATED",
          actor: "account:olga",
          token: "owner laptop",
          changes: ["name: Paper -> Printer paper"],
        },
        {
          kind: "CREATED",
          actor: "account:maria",
          token: "maria's script",
          changes: ["name:  -> Paper", "completed:  -> false", "date:  -> 2024-05-01T10:00:00.000Z"],
        },
      ]);
      const times = entries.map((entry) => entry.time!.seconds);
      assert.deepEqual(
        [...times].sort((a, b) => Number(b - a)),
        times,
        "newest first",
      );
    });

    test("CheckStatusOrder's answer is recorded as 'status checked' by the caller, through the chain", async () => {
      const { order } = await maria.orders.createOrder({ name: "Checked" });
      const answer = await maria.orders.checkStatusOrder({ uuid: order!.uuid });
      const [latest] = (await owner.history.listOrderHistory({ uuid: order!.uuid })).entries;
      assert.equal(OrderHistoryKind[latest!.kind], "STATUS_CHECKED");
      assert.equal(latest!.actor, "account:maria");
      assert.equal(latest!.tokenName, "maria's script");
      // The simulated fulfilment answers at random: a change is listed only when there was one.
      assert.deepEqual(
        latest!.changes.map((change) => change.field),
        answer.completed ? ["completed"] : [],
      );
    });

    test("a delete is recorded; then the history is the owner's alone, until it is pruned", async () => {
      const { order } = await maria.orders.createOrder({ name: "Short-lived" });
      const uuid = order!.uuid;
      await maria.orders.deleteOrder({ uuid });
      const { entries } = await owner.history.listOrderHistory({ uuid });
      assert.deepEqual(
        entries.map((entry) => [OrderHistoryKind[entry.kind], entry.actor, entry.changes.length]),
        [
          ["DELETED", "account:maria", 0],
          ["CREATED", "account:maria", 3],
        ],
      );
      await rejectsWith(maria.history.listOrderHistory({ uuid }), Code.NotFound);
      const kept = (await maria.orders.createOrder({ name: "Kept" })).order!.uuid;
      // Before the retention has passed nothing goes; after it, the deleted order's entries do.
      assert.equal(await pruneExpiredHistory(store.orderHistory, new Date(), 1), 0);
      const later = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
      // A deleted order's history is kept while the order can still be undeleted.
      assert.equal(await pruneExpiredHistory(store.orderHistory, later, 1), 0);
      assert.ok((await store.orders.purgeDeleted(later)) >= 1);
      assert.ok((await pruneExpiredHistory(store.orderHistory, later, 1)) >= 2);
      await rejectsWith(owner.history.listOrderHistory({ uuid }), Code.NotFound);
      assert.equal((await owner.history.listOrderHistory({ uuid: kept })).entries.length, 1, "a live order's stays");
    });

    test("pages of page_size, chained by next_page_token; foreign and malformed tokens are INVALID_ARGUMENT", async () => {
      const { order } = await maria.orders.createOrder({ name: "v1" });
      const uuid = order!.uuid;
      for (let n = 2; n <= 5; n++) {
        await maria.orders.updateOrder({ uuid, name: `v${n}`, updateMask: { paths: ["name"] } });
      }
      const names: string[] = [];
      let pageToken = "";
      let pages = 0;
      do {
        const page = await maria.history.listOrderHistory({ uuid, pageSize: 2, pageToken });
        assert.ok(page.entries.length <= 2);
        names.push(...page.entries.map((entry) => entry.changes.find((c) => c.field === "name")!.after));
        pageToken = page.nextPageToken;
        pages++;
      } while (pageToken);
      assert.deepEqual(names, ["v5", "v4", "v3", "v2", "v1"]);
      assert.equal(pages, 3);
      const other = (await maria.orders.createOrder({ name: "other" })).order!.uuid;
      const { nextPageToken } = await maria.history.listOrderHistory({ uuid, pageSize: 1 });
      await rejectsFields(maria.history.listOrderHistory({ uuid: other, pageToken: nextPageToken }), ["page_token"]);
      await rejectsFields(maria.history.listOrderHistory({ uuid, pageToken: "not-a-token" }), ["page_token"]);
      await rejectsFields(maria.history.listOrderHistory({ uuid, pageSize: 501 }), ["page_size"]);
      await rejectsFields(maria.history.listOrderHistory({ uuid: "nope" }), ["uuid"]);
    });

    test("a write and its entry share one transaction: a stale etag records nothing", async () => {
      const { order } = await maria.orders.createOrder({ name: "Etag" });
      await maria.orders.updateOrder({ uuid: order!.uuid, name: "Etag 2", updateMask: { paths: ["name"] } });
      await rejectsWith(
        maria.orders.updateOrder({
          uuid: order!.uuid,
          name: "stale",
          updateMask: { paths: ["name"] },
          etag: order!.etag,
        }),
        Code.Aborted,
      );
      await rejectsWith(maria.orders.deleteOrder({ uuid: order!.uuid, etag: order!.etag }), Code.Aborted);
      assert.equal((await maria.history.listOrderHistory({ uuid: order!.uuid })).entries.length, 2);
    });

    test("creates committed together each get their own entry", async () => {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          maria.orders.createOrder({ name: `Group ${i}`, requestId: i % 2 ? `g-${i}-${provider}` : "" }),
        ),
      );
      for (const { order } of created) {
        const { entries } = await maria.history.listOrderHistory({ uuid: order!.uuid });
        assert.deepEqual(
          entries.map(summary).map((entry) => [entry.kind, entry.actor]),
          [["CREATED", "account:maria"]],
        );
      }
    });

    test("the live feed's orders carry who created and last changed them", async () => {
      const { order } = await maria.orders.createOrder({ name: "Streamed" });
      await owner.orders.updateOrder({ uuid: order!.uuid, completed: true, updateMask: { paths: ["completed"] } });
      const { events } = await store.orderEvents.read(0n, 100_000);
      const last = events.filter((event) => event.orderUuid === order!.uuid).at(-1)!;
      assert.deepEqual([last.kind, last.createdBy, last.updatedBy], ["updated", "account:maria", "account:olga"]);
    });
  });
}

historyChecks("sqlite", async () => {
  const database = await createSqliteDatabase();
  return { url: database.url, drop: database.remove };
});
historyChecks("postgresql", () => createPostgresDatabase());
