import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { ListOrdersRequestSchema, OrderBy } from "../../gen/order/order_pb";
import type { ListOrdersRequest } from "../../gen/order/order_pb";
import { applyMigrations, finishedMigrations, providerPaths, readMigrationList } from "../../scripts/db/migrations";
import { parseConfig } from "../../server/config.js";
import { addAccount, createOwner, signIn } from "../../server/auth/accounts";
import { issueApiToken } from "../../server/auth/api-tokens";
import { resumeSession, startSession } from "../../server/auth/sessions";
import { createStore } from "../../server/db/store";
import type { Store } from "../../server/db/store";
import { OrderNotFound } from "../../server/orders/order-errors";
import { readOrderPage } from "../../server/orders/order-paging";
import { testActor } from "./credentials";

/** A migrated, empty database for one provider, and how to throw it away. */
export type StorageUnderTest = { url: string; drop: () => Promise<void> };

/** The storage behaviour every provider must share, registered as tests. */
export function storageChecks(provider: "sqlite" | "postgresql", setUp: () => Promise<StorageUnderTest>): void {
  describe(`storage on ${provider}`, () => {
    let storage: StorageUnderTest;
    let store: Store;
    const orderRepository = {} as Store["orders"];
    const database = () => parseConfig({ DATABASE_URL: storage.url }).database;
    before(async () => {
      storage = await setUp();
      store = createStore(database());
      Object.assign(orderRepository, store.orders);
    });
    after(async () => {
      await store.close();
      await storage.drop();
    });

    const newOrder = (name: string, date: string, completed = false) =>
      orderRepository.create({ uuid: randomUUID(), name, completed, date: new Date(date) }, testActor);

    async function allPages(request: Partial<Omit<ListOrdersRequest, "$typeName">>): Promise<string[]> {
      const names: string[] = [];
      let pageToken = "";
      do {
        const page = await readOrderPage(
          store.orders,
          create(ListOrdersRequestSchema, { pageSize: 50, ...request, pageToken }),
        );
        names.push(...page.rows.map((row) => `${row.name}|${row.uuid}`));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return names;
    }

    test("records the migrations where `prisma migrate deploy` looks, and applies each once", async () => {
      // Before this process opens its own client: on SQLite the schema engine cannot take the
      // file while another connection is open (it fails after busy_timeout).
      assert.deepEqual(await applyMigrations(database()), []);
      const history = await readMigrationList(providerPaths[provider].migrations);
      const expected = history.migrationDirectories.map((d) => d.path);
      assert.deepEqual(await finishedMigrations(database()), expected);
    });

    test("stores, finds, updates and removes an order with millisecond UTC dates", async () => {
      const created = await newOrder("Stored", "2024-05-01T10:00:00.123Z", true);
      const found = await orderRepository.find(created.uuid);
      assert.deepEqual(found, created);
      assert.equal(found.date.toISOString(), "2024-05-01T10:00:00.123Z");

      const updated = await orderRepository.update(created.uuid, { name: "Changed", completed: false }, testActor);
      assert.deepEqual(
        [updated.name, updated.completed, updated.date.toISOString()],
        ["Changed", false, "2024-05-01T10:00:00.123Z"],
      );
      assert.ok(updated.updateTime >= created.updateTime);
      assert.deepEqual(updated.createTime, created.createTime);

      await orderRepository.remove(created.uuid, testActor);
      await assert.rejects(orderRepository.find(created.uuid), OrderNotFound);
      await assert.rejects(orderRepository.update(created.uuid, { name: "Ghost" }, testActor), OrderNotFound);
      await assert.rejects(orderRepository.remove(created.uuid, testActor), OrderNotFound);
    });

    test("searches names case-insensitively, with %, _ and \\ taken literally", async () => {
      const names = ["100% Cotton", "snake_case", "back\\slash", "ÄPFEL", "plain 100 cotton", "snakeXcase"];
      for (const name of names) await newOrder(name, "2024-01-01");
      const search = async (nameContains: string) =>
        (await allPages({ nameContains, orderBy: OrderBy.NAME_ASC })).map((entry) => entry.split("|")[0]).sort();
      assert.deepEqual(await search("0% c"), ["100% Cotton"]);
      assert.deepEqual(await search("%"), ["100% Cotton"]);
      assert.deepEqual(await search("e_c"), ["snake_case"]);
      assert.deepEqual(await search("\\"), ["back\\slash"]);
      assert.deepEqual(await search("äpfel"), ["ÄPFEL"]);
      assert.deepEqual(await search("COTTON"), ["100% Cotton", "plain 100 cotton"]);
      // The count is raw SQL beside Prisma's where: it must agree with the rows for every filter.
      for (const [nameContains, completed] of [
        ["%", undefined],
        ["e_c", undefined],
        ["cotton", false],
        ["cotton", true],
      ] as const) {
        const rows = await allPages({ nameContains, completed, orderBy: OrderBy.NAME_ASC });
        assert.equal(
          (await orderRepository.count({ nameContains, completed })).total,
          rows.length,
          `${nameContains} completed=${completed}`,
        );
      }
    });

    test("pages through ties in every sort key without duplicates or gaps", async () => {
      // 45 orders sharing 5 dates and 3 names: the uuid must break every tie.
      for (let i = 0; i < 45; i++) await newOrder(`Tie ${i % 3}`, `2023-0${(i % 5) + 1}-01T00:00:00Z`, i % 2 === 0);
      for (const orderBy of [
        OrderBy.DATE_DESC,
        OrderBy.DATE_ASC,
        OrderBy.NAME_ASC,
        OrderBy.NAME_DESC,
        OrderBy.CREATE_TIME_ASC,
      ]) {
        for (const completed of [undefined, true]) {
          const oneRead = await allPages({ orderBy, completed, pageSize: 500 });
          const paged = await allPages({ orderBy, completed, pageSize: 4 });
          assert.deepEqual(paged, oneRead, `${OrderBy[orderBy]} completed=${completed}`);
          assert.equal(new Set(paged).size, paged.length);
          assert.equal(paged.length, (await orderRepository.count({ completed })).total);
        }
      }
    });

    test("keeps accounts, sessions, API tokens and sign-in failures; two first visits make one owner", async () => {
      const secret = new TextEncoder().encode("a storage test secret of 32 characters or more");
      // Racing first visits: one owner, the other refused (or, on PostgreSQL, a serialization failure).
      const raced = await Promise.allSettled(
        ["first", "second"].map((name) => createOwner(store, name, "a long password")),
      );
      assert.equal(raced.filter((r) => r.status === "fulfilled" && "account" in r.value).length, 1);
      assert.equal(await store.accounts.count(), 1);

      const added = await addAccount(store, "Clerk", "another long password");
      assert.ok("account" in added);
      assert.equal(added.account.username, "clerk");
      const signedIn = await signIn(store, "CLERK", "another long password", "192.0.2.1");
      assert.ok("account" in signedIn);
      const session = await startSession(store, secret, added.account.id);
      assert.equal((await resumeSession(store, secret, session)).account.id, added.account.id);

      const { record } = await issueApiToken(store, secret, {
        name: "nightly",
        owner: { accountId: added.account.id, username: "clerk" },
      });
      await store.apiTokens.touch(record.id, new Date(), 60_000);
      assert.ok((await store.apiTokens.find(record.id))?.lastUseTime);
      assert.deepEqual(
        (await store.apiTokens.listForAccount(added.account.id)).map((t) => t.name),
        ["nightly"],
      );
      assert.equal(await store.apiTokens.revoke(record.id, added.account.id, new Date()), true);
      assert.equal(await store.apiTokens.revoke(record.id, added.account.id, new Date()), false);

      await store.signInThrottles.recordFailure("address:192.0.2.9", new Date());
      await store.signInThrottles.recordFailure("address:192.0.2.9", new Date());
      await store.signInThrottles.forgiveOne("address:192.0.2.9");
      assert.equal((await store.signInThrottles.find("address:192.0.2.9"))?.failures, 1);

      // Removing the account takes its sessions and tokens with it.
      assert.equal((await store.accounts.remove(added.account.id))?.username, "clerk");
      assert.equal(await store.apiTokens.find(record.id), null);
      await assert.rejects(resumeSession(store, secret, session), { reason: "token revoked" });
    });
  });
}
