import { createLogger } from "../../server/observability/logger";

/** A real pino logger of the app's configuration whose JSON lines stay in memory for assertions. */
export function capturedLog() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(line) }, "info");
  return {
    logger,
    /** Everything written so far, as written. */
    text: () => lines.join(""),
    /** Every line, parsed. */
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
