/**
 * RFC 4180 CSV: a field holding a quote, comma, CR or LF is quoted, quotes doubled; lines end in CRLF. Text that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, the usual
 * defence against CSV injection: free text here comes from reviewers and appeals. The JSONL export is exact.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;
