/**
 * Text from the exports and the policy on its way to a terminal: a control character in a name
 * (ESC starting a sequence that writes the clipboard, sets the window title or clears the
 * screen; BEL; a line break that forges a line) is shown as an escape a person can read, never
 * sent raw. Every table and every stderr sentence passes its values through `visible`.
 */

/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escaped = (char: string): string => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The text with every control character written out (`\x1b`, `\n`); text with none is returned as it is. */
export function visible(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, escaped) : text;
}

/** A value for a table cell: text made visible, numbers and nothing as they are. */
export function visibleCell<T extends string | number | null | undefined>(value: T): T {
  return (typeof value === 'string' ? visible(value) : value) as T;
}
