import { csvText } from "../../lib/csv";
import { csvRecords } from "./csv-records";
import type { ImportProblemItem } from "./order-errors";
import { checkName, parseOrderDate, Violations } from "./order-mapping";
import { checkRequestId, createFingerprint } from "./order-request-id";

/** Largest CSV file an import reads: well inside the 1 MiB every call may carry. */
export const maxImportBytes = 1_000_000;
/** Most data rows an import creates in its one transaction. */
export const maxImportRows = 10_000;

/** The columns an import reads; an export's uuid and times are accepted and left out. */
const readColumns = ["name", "completed", "date", "request_id"] as const;
const ignoredColumns = new Set(["uuid", "create_time", "update_time"]);

/** A row that passed every check, ready to be created. */
export type ParsedImportRow = {
  line: number;
  name: string;
  completed: boolean;
  /** Undefined: the time of the import. */
  date: Date | undefined;
  request?: { requestId: string; fingerprint: string };
};

export type ParsedImport = { rowCount: number; rows: ParsedImportRow[]; problems: ImportProblemItem[] };

function readCompleted(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  return undefined;
}

/**
 * Every row of the file checked, and every problem found, by line: the header must name the
 * `name` column, and may name completed, date and request_id (other columns are problems, so a
 * misspelt one is not silently dropped). Request_ids must be unique within the file.
 */
export function parseImport(text: string): ParsedImport {
  const problems: ImportProblemItem[] = [];
  const rows: ParsedImportRow[] = [];
  const records = csvRecords(text);
  const first = records.next();
  if (first.done)
    return {
      rowCount: 0,
      rows,
      problems: [{ line: 1, field: "", message: "The file is empty: a header row is required (name,completed,date)." }],
    };
  const header = first.value.cells.map((cell) => cell.trim().toLowerCase());
  const column = new Map<string, number>();
  header.forEach((name, index) => {
    if ((readColumns as readonly string[]).includes(name) && !column.has(name)) column.set(name, index);
    else if (!ignoredColumns.has(name)) {
      problems.push({ line: 1, field: name, message: `Column "${name}" is not one of ${readColumns.join(", ")}.` });
    }
  });
  if (!column.has("name"))
    problems.push({ line: 1, field: "name", message: "The header row must name the name column." });
  if (problems.length > 0) return { rowCount: 0, rows, problems };
  const cell = (cells: string[], name: string) => {
    const index = column.get(name);
    return index === undefined ? "" : csvText(cells[index] ?? "");
  };
  const requestLines = new Map<string, number>();
  let rowCount = 0;
  for (;;) {
    const next = records.next();
    if (next.done) {
      if (next.value.unterminatedAt !== undefined) {
        problems.push({ line: next.value.unterminatedAt, field: "", message: "A quoted cell is never closed." });
      }
      break;
    }
    rowCount++;
    if (rowCount > maxImportRows) {
      problems.push({ line: next.value.line, field: "", message: `An import holds at most ${maxImportRows} rows.` });
      break;
    }
    const { line, cells } = next.value;
    if (cells.length !== header.length) {
      problems.push({
        line,
        field: "",
        message: `The row has ${cells.length} cells; the header has ${header.length}.`,
      });
      continue;
    }
    const violations = new Violations();
    const name = checkName(cell(cells, "name"), violations);
    const completed = readCompleted(cell(cells, "completed"));
    if (completed === undefined) violations.add("completed", "completed must be true, false or empty (false).");
    const dateText = cell(cells, "date").trim();
    const date = dateText === "" ? undefined : parseOrderDate(dateText);
    if (dateText !== "" && !date) {
      violations.add("date", "date must be an RFC 3339 timestamp such as 2024-05-01T10:00:00Z, or empty (now).");
    }
    const requestId = checkRequestId(cell(cells, "request_id"), violations);
    if (requestId !== undefined) {
      const earlier = requestLines.get(requestId);
      if (earlier !== undefined) violations.add("request_id", `request_id is used on line ${earlier} already.`);
      else requestLines.set(requestId, line);
    }
    problems.push(...violations.list.map(({ field, description }) => ({ line, field, message: description })));
    if (violations.list.length > 0 || name === undefined || completed === undefined) continue;
    rows.push({
      line,
      name,
      completed,
      date,
      ...(requestId !== undefined && {
        request: { requestId, fingerprint: createFingerprint(name, completed, date) },
      }),
    });
  }
  return { rowCount, rows, problems };
}
