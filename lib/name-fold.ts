// How names are compared: one definition for the server (stored folded columns, queries) and
// the browser (placing live changes), so both agree on what a search matches.

// Combining marks left by canonical decomposition: the accents "é" → "e" + U+0301 drops.
const combiningMarks = /\p{M}+/gu;

/**
 * A name as searched: compatibility-decomposed, accents dropped, lower-cased, so "cafe" finds
 * "Café crème" and "ﬁ" finds "fi".
 */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(combiningMarks, "").toLowerCase().normalize("NFC");
}

const digitRun = /[0-9]+/g;

/**
 * The key names sort by, as people read them: folded (see foldText) and with each run of
 * digits as a number, written as its length in three digits and then the digits without
 * leading zeros, so "acme 3" < "acme 29" < "acme 30". Compared byte by byte (SQLite's BINARY
 * collation, PostgreSQL's "C") it orders the same on every provider. Names hold at most 200
 * characters, so a run's length always fits three digits.
 */
export function nameSortKey(name: string): string {
  return foldText(name).replace(digitRun, (digits) => {
    const significant = digits.replace(/^0+(?=.)/, "");
    return String(significant.length).padStart(3, "0") + significant;
  });
}
