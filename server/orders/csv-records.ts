const unquoted = /[^,\r\n]*/y;
const lineBreaks = (text: string) => text.split("\n").length - 1;

/** One record of a CSV file, with the line it starts on (the first line is 1). */
export type CsvRecord = { line: number; cells: string[] };

/**
 * The records of a CSV text (RFC 4180: quoted cells may hold commas, quotes doubled, line breaks;
 * CRLF or LF between records; a blank line is skipped). An unterminated quote is reported with
 * the line it opened on.
 */
export function* csvRecords(text: string): Generator<CsvRecord, { unterminatedAt?: number }> {
  let line = 1;
  let index = text.startsWith("\uFEFF") ? 1 : 0;
  while (index < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let ended = false;
    while (!ended) {
      if (text[index] === '"') {
        index++;
        for (;;) {
          const close = text.indexOf('"', index);
          if (close === -1) return { unterminatedAt: start };
          const part = text.slice(index, close);
          line += lineBreaks(part);
          cell += part;
          index = close + 1;
          if (text[index] !== '"') break;
          cell += '"';
          index++;
        }
      }
      // Unquoted text (or what follows a closing quote, kept as RFC 4180's lenient readers do).
      unquoted.lastIndex = index;
      const rest = unquoted.exec(text)![0];
      cell += rest;
      index += rest.length;
      cells.push(cell);
      cell = "";
      if (text[index] === ",") {
        index++;
        continue;
      }
      if (text[index] === "\r") index++;
      if (text[index] === "\n") index++;
      line++;
      ended = true;
    }
    if (!(cells.length === 1 && cells[0] === "")) yield { line: start, cells };
  }
  return {};
}
