/**
 * The one CSV writer (group report exports, administrators' credential files). Files Excel opens
 * correctly: a UTF-8 byte-order mark (without it Excel on Windows reads the file as the local code
 * page and Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting, Chinese headers as given,
 * numbers as numbers, and no cell a spreadsheet would run as a formula. Pure: no database, no Remix.
 */
export type CsvCell = string | number | boolean | null | undefined;

export const BOM = "\uFEFF";

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: a member could otherwise name themselves "=HYPERLINK(…)" or "-2+3" and have it
 * evaluated on the manager's machine. Numbers are numbers and stay as they are (-3 stays -3).
 */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "number"
      ? Number.isFinite(value)
        ? String(value)
        : ""
      : typeof value === "boolean"
        ? value
          ? "是"
          : "否"
        : neutralize(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text with CRLF line ends, without the BOM (for text that is wrapped again later). */
export function csvRows(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A whole file: BOM, the header row, the rows. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${BOM}${csvRows([headers, ...rows])}`;
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
