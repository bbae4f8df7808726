// CSV as RFC 4180 writes it, shared by the server's export and the browser's "Export selected",
// so both files read the same in a spreadsheet.

// A spreadsheet takes a cell starting with one of these for a formula (OWASP, "CSV Injection"):
// such a cell gets a leading apostrophe, which spreadsheets show as text and the import strips.
const formulaStart = /^[=+\-@\t\r]/;

/** One cell: formula-looking text escaped, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended by CRLF as RFC 4180 has it. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A cell as csvCell wrote it, read back: the apostrophe before a formula-looking text goes. */
export function csvText(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** What an export holds of each order, in this order. */
export const exportColumns = ["uuid", "name", "completed", "date", "create_time", "update_time"] as const;

/** The file name of an export made at `time`: orders-2026-12-04T0530Z.csv. */
export function exportFileName(time: Date): string {
  return `orders-${time.toISOString().slice(0, 16).replace(":", "")}Z.csv`;
}
