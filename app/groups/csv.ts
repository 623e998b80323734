/**
 * CSV that Excel opens correctly: a UTF-8 byte-order mark (without it Excel on Windows reads the
 * file as the local code page and Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting.
 */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: a member could otherwise name themselves "=HYPERLINK(…)" and have it evaluated on the
 * manager's machine. Numbers are numbers and stay as they are.
 */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : typeof value === "boolean" ? (value ? "是" : "否") : neutralize(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(","));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** A download response: the ASCII name for old clients, the Chinese one (RFC 5987) for the rest. */
export function csvResponse(csv: string, fileName: string, asciiFallback: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
