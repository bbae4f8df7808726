/** A request field and what is wrong with it, in words a person can act on. */
export type FieldViolation = { field: string; description: string };

type DomainErrorClass<T extends Error> = { readonly errorName: string; prototype: T };

/**
 * Whether `error` is one of the domain errors below. Compared by name, not instanceof: Next
 * bundles the API route and the instrumentation hook (which starts the gRPC listener) apart,
 * each with its own copy of these classes, while both share the one store that throws them.
 */
export function isDomainError<T extends Error>(error: unknown, type: DomainErrorClass<T>): error is T {
  return error instanceof Error && error.name === type.errorName;
}

/** The request names an order that does not exist. */
export class OrderNotFound extends Error {
  static readonly errorName = "OrderNotFound";
  override readonly name = OrderNotFound.errorName;

  constructor(readonly uuid: string) {
    super(`order ${uuid} not found`);
  }
}

/** The request is malformed; each violation names one field. */
export class InvalidOrderRequest extends Error {
  static readonly errorName = "InvalidOrderRequest";
  override readonly name = InvalidOrderRequest.errorName;

  constructor(readonly violations: FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join("; "));
  }
}

/** The database could not be reached or failed; the cause is for the server log only. */
export class OrderStoreUnavailable extends Error {
  static readonly errorName = "OrderStoreUnavailable";
  override readonly name = OrderStoreUnavailable.errorName;

  constructor(cause: unknown) {
    super("order store unavailable", { cause });
  }
}

/** An unpaged ListOrders would answer more orders than fit one message. */
export class UnpagedListTooLarge extends Error {
  static readonly errorName = "UnpagedListTooLarge";
  override readonly name = UnpagedListTooLarge.errorName;

  constructor(readonly limit: number) {
    super(`more than ${limit} orders match; send page_size to read them page by page`);
  }
}
