/** `2026-11-27 14:05 UTC`: server-rendered tables show times in one stated zone. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
