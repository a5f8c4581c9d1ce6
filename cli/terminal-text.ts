/**
 * Text from the store (metadata, paths, fork names: whatever the inputs held) printed for
 * a terminal: control characters shown as escapes, never sent raw. ESC would start a
 * terminal control sequence, CR rewrite the line, BEL ring (issue 17).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Multi-line text (Markdown) for a terminal: line breaks and tabs kept, other controls escaped. */
export function terminalSafeLines(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
