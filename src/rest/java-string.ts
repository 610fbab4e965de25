/**
 * Java `String` behaviours that Elasticsearch's REST layer relies on and
 * JavaScript spells differently.
 */

/** Java's `String.trim()`: strips chars <= U+0020 at both ends (not Unicode whitespace). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.substring(start, end);
}
