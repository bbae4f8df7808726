import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb";
import { OrderBy } from "../gen/order/order_pb";
import {
  dateRangeOf,
  defaultView,
  fallbackForStalePage,
  firstPageOf,
  listRequestOf,
  listViewSearch,
  pageSize,
  paramsFromRecord,
  parseListView,
  totalText,
} from "../lib/list-view";
import type { ListView } from "../lib/list-view";
import { maxNameLength } from "../lib/order-limits";

const parse = (query: string) => parseListView(new URLSearchParams(query));

describe("list view in the URL", () => {
  test("the plain URL is the default view, and the default view is the plain URL", () => {
    assert.deepEqual(parse(""), defaultView);
    assert.equal(listViewSearch(defaultView), "");
  });

  test("every view survives a round trip through its query string", () => {
    const views: ListView[] = [
      { ...defaultView, filter: "open", search: "paper & ink", sort: "name-asc" },
      { ...defaultView, filter: "completed", sort: "date-asc", page: "tok/en+=", pageNumber: 3, size: 50 },
      { ...defaultView, search: "ünïcode", sort: "name-desc", page: "abc", pageNumber: 2, from: "2026-12-01" },
      { ...defaultView, fromEnd: true, pageNumber: 1, to: "2026-12-31", size: 100 },
      { ...defaultView, fromEnd: true, page: "tok", pageNumber: 2 },
    ];
    for (const view of views) assert.deepEqual(parse(listViewSearch(view).slice(1)), view);
  });

  test("unknown values fall back to the defaults instead of failing", () => {
    assert.deepEqual(parse("status=archived&sort=price&n=abc"), defaultView);
  });

  test("a page number without a token, or below 2, is page 1", () => {
    assert.equal(parse("n=4").pageNumber, 1);
    assert.equal(parse("page=abc&n=0").pageNumber, 1);
    assert.equal(parse("page=abc&n=4").pageNumber, 4);
  });

  test("a search longer than any name is cut to the name limit", () => {
    assert.equal(parse(`q=${"x".repeat(maxNameLength + 50)}`).search.length, maxNameLength);
  });

  test("Next's searchParams record reads like URLSearchParams, first value of a repeated key", () => {
    const record = { status: ["completed", "open"], q: "ink", sort: undefined };
    assert.deepEqual(parseListView(paramsFromRecord(record)), { ...defaultView, filter: "completed", search: "ink" });
  });

  test("a new filter, search or sort starts again at the first page", () => {
    const onPage3: ListView = { ...defaultView, page: "tok", pageNumber: 3 };
    assert.deepEqual(firstPageOf(onPage3, { filter: "open" }), { ...defaultView, filter: "open" });
    assert.deepEqual(firstPageOf(onPage3, { search: "ink" }), { ...defaultView, search: "ink" });
  });
});

describe("ListOrders request of a view", () => {
  test("always sends a page size: an empty request would ask the server for every order", () => {
    assert.equal(listRequestOf(defaultView, "UTC").pageSize, pageSize);
    assert.ok(pageSize > 0);
  });

  test("leaves `completed` unset for all, and maps filter, search and sort", () => {
    assert.equal("completed" in listRequestOf(defaultView, "UTC"), false);
    const request = listRequestOf(
      {
        ...defaultView,
        filter: "open",
        search: "  ink ",
        sort: "name-desc",
        page: "tok",
        pageNumber: 2,
      },
      "UTC",
    );
    assert.equal(request.completed, false);
    assert.equal(request.nameContains, "ink");
    assert.equal(request.orderBy, OrderBy.NAME_DESC);
    assert.equal(request.pageToken, "tok");
  });
});

describe("the date range of a view", () => {
  const view: ListView = { ...defaultView, from: "2026-03-07", to: "2026-03-08" };
  const iso = ({ from, to }: { from?: Date; to?: Date }) => [from?.toISOString(), to?.toISOString()];

  test("runs from the first day's start to the end of the last, in the zone given", () => {
    assert.deepEqual(iso(dateRangeOf(view, "UTC")), ["2026-03-07T00:00:00.000Z", "2026-03-09T00:00:00.000Z"]);
    assert.deepEqual(iso(dateRangeOf(view, "Asia/Tokyo")), ["2026-03-06T15:00:00.000Z", "2026-03-08T15:00:00.000Z"]);
    // New York moves its clocks on 8 March 2026: the day after is an hour shorter in UTC terms.
    assert.deepEqual(iso(dateRangeOf(view, "America/New_York")), [
      "2026-03-07T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ]);
  });

  test("a day whose midnight the zone skips starts at its first hour", () => {
    // Santiago moved from -04 to -03 at midnight on 6 September 2026.
    const day = { ...defaultView, from: "2026-09-06" };
    assert.equal(dateRangeOf(day, "America/Santiago").from?.toISOString(), "2026-09-06T04:00:00.000Z");
  });

  test("the month and year roll over", () => {
    assert.deepEqual(iso(dateRangeOf({ ...defaultView, to: "2026-12-31" }, "UTC")), [
      undefined,
      "2027-01-01T00:00:00.000Z",
    ]);
  });
});

describe("stale page token fallback", () => {
  // As a client receives it: the detail still in bytes.
  const refused = (field: string, description: string) => {
    const error = new ConnectError(`${field}: ${description}`, Code.InvalidArgument);
    const value = toBinary(BadRequestSchema, create(BadRequestSchema, { fieldViolations: [{ field, description }] }));
    error.details.push({ type: BadRequestSchema.typeName, value });
    return error;
  };
  const stale = refused("page_token", "does not match this list");
  const onPage3: ListView = {
    ...defaultView,
    filter: "open",
    search: "ink",
    sort: "name-asc",
    page: "old-token",
    pageNumber: 3,
  };

  test("a refused page token goes back to the first page of the same view", () => {
    assert.deepEqual(fallbackForStalePage(onPage3, stale), { ...onPage3, page: "", pageNumber: 1 });
  });

  test("the first page has nowhere to fall back to", () => {
    assert.equal(fallbackForStalePage({ ...onPage3, page: "", pageNumber: 1 }, stale), undefined);
  });

  test("other failures are not a stale page", () => {
    const otherField = refused("name_contains", "too long");
    assert.equal(fallbackForStalePage(onPage3, otherField), undefined);
    assert.equal(fallbackForStalePage(onPage3, new ConnectError("down", Code.Unavailable)), undefined);
    assert.equal(fallbackForStalePage(onPage3, null), undefined);
  });
});

test("a total the server estimated reads as about N", () => {
  assert.equal(totalText(12_300, true), "about 12,300");
  assert.equal(totalText(7, false), "7");
});
