/**
 * cli-table3's layout of a table of plain text, made without it. cli-table3 measures every string
 * it lays out (each cell, each word it wraps, each line it pads) with a general Unicode width
 * function that strips colour codes and looks for emoji each time: on a list of a hundred
 * thousand exceptions that measuring is nearly all of the report's time. Where every character
 * of every cell is one column wide by that function (printable ASCII; the Latin-1, Latin
 * Extended and IPA letters and spacing marks, U+00A0 to U+02FF: the names of people and teams as
 * exports write them; and the dashes, quotation marks and ellipsis, U+2010 to U+2027) and no
 * cell is coloured, a string's width is its length, and the same layout is made here with the same
 * steps: each cell wrapped on word boundaries to its column (a word too long for it cut with
 * `…`), padded one space each side, rows as tall as their tallest cell, ruled between rows.
 * Anything else (colour, wide or combining characters, control characters, a cell that is not
 * text or a number) is left to cli-table3: the caller falls back when this returns null. A
 * property test holds the two layouts equal, character for character.
 */

/** Characters one column wide by cli-table3's measure, and the line break that separates a cell's lines. */
const PLAIN = /^[\n\x20-\x7e\u00a0-\u02ff\u2010-\u2027]*$/;

/** The box-drawing characters of cli-table3's default style. */
const BOX = {
  top: '─',
  topMid: '┬',
  topLeft: '┌',
  topRight: '┐',
  bottom: '─',
  bottomMid: '┴',
  bottomLeft: '└',
  bottomRight: '┘',
  side: '│',
  leftMid: '├',
  mid: '─',
  midMid: '┼',
  rightMid: '┤',
};

const TRUNCATED = '…';

/**
 * The table cli-table3 draws for this header, these column widths (each including its one space
 * of padding on either side) and these rows, with word wrapping and no compact style; null when
 * a cell is not plain text (see above) or a row is not as wide as the header.
 */
export function plainTable(head: readonly string[], colWidths: readonly number[], rows: ReadonlyArray<readonly unknown[]>): string | null {
  if (colWidths.length !== head.length || colWidths.some((w) => !Number.isInteger(w) || w < 3)) return null;
  const table: string[][] = [];
  for (const row of [head, ...rows]) {
    if (row.length !== head.length) return null;
    const cells: string[] = [];
    for (const cell of row) {
      const text = typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : null;
      if (text === null || !PLAIN.test(text)) return null;
      cells.push(text);
    }
    table.push(cells);
  }
  const out: string[] = [];
  table.forEach((cells, y) => {
    const lines = cells.map((text, x) => wrapLines(colWidths[x]! - 2, text));
    const height = Math.max(1, ...lines.map((l) => l.length));
    out.push(rule(colWidths, y === 0 ? BOX.topLeft : BOX.leftMid, y === 0 ? BOX.topMid : BOX.midMid, y === 0 ? BOX.topRight : BOX.rightMid, y === 0 ? BOX.top : BOX.mid));
    for (let n = 0; n < height; n++) {
      let line = '';
      for (let x = 0; x < cells.length; x++) line += BOX.side + ` ${fit(lines[x]![n], colWidths[x]! - 2)} `;
      out.push(line + BOX.side);
    }
  });
  out.push(rule(colWidths, BOX.bottomLeft, BOX.bottomMid, BOX.bottomRight, BOX.bottom));
  return out.join('\n');
}

/** A horizontal rule across every column. */
function rule(widths: readonly number[], left: string, between: string, right: string, line: string): string {
  return left + widths.map((w) => line.repeat(w)).join(between) + right;
}

/** A line of a cell in its width: cut with `…` where longer, padded with spaces where shorter (an empty line where the cell has no more). */
function fit(line: string | undefined, width: number): string {
  if (line === undefined) return ' '.repeat(width);
  const text = line.length <= width ? line : line.slice(0, Math.max(0, width - 1)) + TRUNCATED;
  return text.length <= width ? text + ' '.repeat(width - text.length) : text;
}

/** A cell's lines: each of its own lines wrapped on word boundaries; a blank line of its own gives none. */
function wrapLines(width: number, text: string): string[] {
  const lines: string[] = [];
  for (const own of text.split('\n')) for (const line of wrapWords(width, own)) lines.push(line);
  return lines;
}

/**
 * cli-table3's word wrap, step for step: words are added to a line while its length, counted as
 * cli-table3 counts it (the spaces before a line's first word not counted), stays within the
 * width; a word longer than the width is a line of its own.
 */
function wrapWords(width: number, text: string): string[] {
  const lines: string[] = [];
  const split = text.split(/(\s+)/g);
  let line: string[] = [];
  let length = 0;
  let space: string | undefined;
  for (let i = 0; i < split.length; i += 2) {
    const word = split[i]!;
    let next = length + word.length;
    if (length > 0 && space) next += space.length;
    if (next > width) {
      if (length !== 0) lines.push(line.join(''));
      line = [word];
      length = word.length;
    } else {
      line.push(space || '', word);
      length = next;
    }
    space = split[i + 1];
  }
  if (length) lines.push(line.join(''));
  return lines;
}
