/**
 * CSV (RFC 4180) from rows: quoted where needed, CRLF line ends, a header row. Pure.
 *
 * Text cells are neutralised against formula injection (OWASP's "CSV Injection" rule): a cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by
 * spreadsheet apps, so it gets a leading single quote and is shown as the text it is. Numbers stay
 * numbers: a number value, or a string that is nothing but a plain decimal ("-2", "0.5"), is
 * written as it is (it cannot be a formula).
 */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** One cell's text: formula triggers neutralised, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = typeof value !== "number" && FORMULA_TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  return [columns.map((c) => csvCell(c.header)), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))))].map((line) => line.join(",")).join("\r\n") + "\r\n";
}
