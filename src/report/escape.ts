// Text made safe for the formats the reports write: HTML (text and attribute values) and CSV cells (RFC 4180).

/** `&`, `<`, `>` and `"` as HTML entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A CSV cell: quoted, with inner quotes doubled, when it holds a quote, a comma or a line break. */
export function csvText(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
