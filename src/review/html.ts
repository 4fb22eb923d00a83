// Escaping for HTML text and attribute values: article text is news copy and can hold any of
// < > & " ' (quotes in Ukrainian copy are often plain ASCII quotes).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => ENTITIES[ch] ?? ch);
}

/** An `id` or class fragment from a segment or block id (`p3-2`), kept to safe characters. */
export function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/gu, '_');
}
