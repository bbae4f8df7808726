/** A request field and what is wrong with it, in words a person can act on. */
export type FieldViolation = { field: string; description: string };

/** The request names an order that does not exist. */
export class OrderNotFound extends Error {
  constructor(readonly uuid: string) {
    super(`order ${uuid} not found`);
    this.name = "OrderNotFound";
  }
}

/** The request is malformed; each violation names one field. */
export class InvalidOrderRequest extends Error {
  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join("; "));
    this.name = "InvalidOrderRequest";
  }
}

/** The database could not be reached or failed; the cause is for the server log only. */
export class OrderStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super("order store unavailable", { cause });
    this.name = "OrderStoreUnavailable";
  }
}

/** An unpaged ListOrders would answer more orders than fit one message. */
export class UnpagedListTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} orders match; send page_size to read them page by page`);
    this.name = "UnpagedListTooLarge";
  }
}
