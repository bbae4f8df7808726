// The store is shared through globalThis by Next's separately bundled entries (instrumentation
// and the API route), and each bundle has its own copy of this module: an error thrown by one
// copy's class must still be recognised by the other's. So `instanceof` checks the name.
function named(name: string): (value: unknown) => boolean {
  return (value) => value instanceof Error && value.name === name;
}

/** A request field and what is wrong with it, in words a person can act on. */
export type FieldViolation = { field: string; description: string };

/** The request names an order that does not exist. */
export class OrderNotFound extends Error {
  static [Symbol.hasInstance] = named("OrderNotFound");
  constructor(readonly uuid: string) {
    super(`order ${uuid} not found`);
    this.name = "OrderNotFound";
  }
}

/** The request is malformed; each violation names one field. */
export class InvalidOrderRequest extends Error {
  static [Symbol.hasInstance] = named("InvalidOrderRequest");
  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join("; "));
    this.name = "InvalidOrderRequest";
  }
}

/**
 * The database could not be reached, timed out or is locked: worth a retry. The cause is for
 * the server log only.
 */
export class OrderStoreUnavailable extends Error {
  static [Symbol.hasInstance] = named("OrderStoreUnavailable");
  constructor(cause: unknown) {
    super("order store unavailable", { cause });
    this.name = "OrderStoreUnavailable";
  }
}

/** A write collided with a concurrent one (serialization failure, deadlock): retry the call. */
export class OrderWriteConflict extends Error {
  static [Symbol.hasInstance] = named("OrderWriteConflict");
  constructor(cause: unknown) {
    super("order write conflicted with a concurrent one", { cause });
    this.name = "OrderWriteConflict";
  }
}

/** A row with this key already exists (a uuid collision). */
export class OrderAlreadyExists extends Error {
  static [Symbol.hasInstance] = named("OrderAlreadyExists");
  constructor(cause: unknown) {
    super("order already exists", { cause });
    this.name = "OrderAlreadyExists";
  }
}

/**
 * The database answered with an error no retry cures: a missing table (migrations not
 * applied), a corrupt file, a constraint the service should have checked. A bug or a
 * deployment fault; the cause is for the server log only.
 */
export class OrderStoreFault extends Error {
  static [Symbol.hasInstance] = named("OrderStoreFault");
  constructor(cause: unknown) {
    super("order store fault", { cause });
    this.name = "OrderStoreFault";
  }
}

/** An unpaged ListOrders would answer more orders than fit one message. */
export class UnpagedListTooLarge extends Error {
  static [Symbol.hasInstance] = named("UnpagedListTooLarge");
  constructor(readonly limit: number) {
    super(`more than ${limit} orders match; send page_size to read them page by page`);
    this.name = "UnpagedListTooLarge";
  }
}

/** The order changed since the caller read it: the etag it sent names an older version. */
export class OrderEtagMismatch extends Error {
  static [Symbol.hasInstance] = named("OrderEtagMismatch");
  constructor(
    readonly uuid: string,
    readonly currentVersion: number,
  ) {
    super(`order ${uuid} has changed (it is at version ${currentVersion})`);
    this.name = "OrderEtagMismatch";
  }
}

/** A create's request_id was used before for a create with another name, completed or date. */
export class RequestIdReused extends Error {
  static [Symbol.hasInstance] = named("RequestIdReused");
  constructor(readonly requestId: string) {
    super(`request_id ${requestId} was used for another order`);
    this.name = "RequestIdReused";
  }
}

/** A retried create whose first call's order has since been deleted. */
export class RequestedOrderDeleted extends Error {
  static [Symbol.hasInstance] = named("RequestedOrderDeleted");
  constructor(
    readonly requestId: string,
    readonly uuid: string,
  ) {
    super(`order ${uuid}, created for request_id ${requestId}, has since been deleted`);
    this.name = "RequestedOrderDeleted";
  }
}

/** Why one item of a batch call fails it; `index` is its position in the request. */
export type BatchItemFailure =
  | { index: number; uuid: string; reason: "ORDER_NOT_FOUND" }
  | { index: number; uuid: string; reason: "ETAG_MISMATCH"; currentVersion: number };

/** A batch call (all or nothing) changed nothing, because these of its items cannot be done. */
export class BatchItemsFailed extends Error {
  static [Symbol.hasInstance] = named("BatchItemsFailed");
  constructor(readonly failures: BatchItemFailure[]) {
    const first = failures[0];
    super(
      `${failures.length} of the batch's items cannot be done, so nothing was changed; the first: item ${first?.index} (${first?.uuid}), ${first?.reason}`,
    );
    this.name = "BatchItemsFailed";
  }
}

/** One problem with one line of an imported CSV file. */
export type ImportProblemItem = { line: number; field: string; message: string };

/** An import with problems: nothing was created. */
export class ImportRejected extends Error {
  static [Symbol.hasInstance] = named("ImportRejected");
  constructor(readonly problems: ImportProblemItem[]) {
    super(`the file has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`);
    this.name = "ImportRejected";
  }
}

/** Something only the owner may do (list deleted orders). */
export class OwnerOnly extends Error {
  static [Symbol.hasInstance] = named("OwnerOnly");
  constructor(readonly what: string) {
    super(`Only the owner may ${what}.`);
    this.name = "OwnerOnly";
  }
}
