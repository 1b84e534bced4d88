/**
 * What a workbook says of its sheets before a row of them is read: their names, order and parts
 * (`xl/workbook.xml` and its relationships), its date system, which cell styles show dates
 * (`xl/styles.xml`) and its shared strings (`xl/sharedStrings.xml`). Each part is scanned as it
 * inflates, once.
 */
import { StringDecoder } from 'node:string_decoder';
import { formatParts, NOT_A_DATE, type DateFormat } from './cell-text.js';
import { CELL_LIMIT } from './limits.js';
import type { WorkbookArchive } from './zip-parts.js';
import { attribute, decodeEntities, decodeEscapes, isName, XmlError, XmlScanner, type XmlHandler } from './xml-scanner.js';

/** A sheet of the workbook, in the order of its tabs. */
export interface SheetEntry {
  name: string;
  part: string;
}

/** A workbook's shared strings: a text longer than a cell can hold is kept cut short, its length beside it. */
export interface SharedStrings {
  texts: string[];
  longLengths: Map<number, number>;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  /** The date format of each cell style (`s`), by its index in `cellXfs`. */
  styles: DateFormat[];
  sharedStrings: SharedStrings;
}

/** A workbook whose parts do not make a workbook, said after its path: "is not an Excel workbook: ...". */
export class WorkbookShapeError extends Error {
  override name = 'WorkbookShapeError';
}

/**
 * Scans one part with `handler`, as it inflates. Should the handler fail (XML a spreadsheet does
 * not write, or a row the table refuses), the rest of the part is still inflated and checked:
 * damaged data reads as garbage before its checksum is reached, and the damage is what to tell.
 * `stopped` says when the handler wants no more of the part (the rest is then only checked).
 */
export async function scanPart(archive: WorkbookArchive, part: string, handler: XmlHandler, stopped: () => boolean = () => false): Promise<void> {
  const scanner = new XmlScanner(handler);
  const decoder = new StringDecoder('utf8');
  const chunks = archive.inflate(part);
  let failure: { err: unknown } | null = null;
  let first = true;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    if (failure !== null || stopped()) continue;
    try {
      let text = decoder.write(next.value);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      scanner.write(text);
    } catch (err) {
      if (err instanceof XmlError) err.part = part;
      failure = { err };
    }
  }
  if (failure !== null) throw failure.err;
  if (stopped()) return;
  try {
    scanner.write(decoder.end());
    scanner.end();
  } catch (err) {
    if (err instanceof XmlError) err.part = part;
    throw err;
  }
}

/**
 * Text gathered from its pieces (a text may span chunks, and an item of rich text has runs):
 * kept up to just past the cell limit, and counted beyond it, so that a hostile cell costs no
 * more memory than a real one.
 */
export class GatheredText {
  private kept = '';
  private counted = 0;
  /** The whole text's length, once finished. */
  length = 0;

  reset(): void {
    this.kept = '';
    this.counted = 0;
  }

  add(s: string, start: number, end: number, raw: boolean): void {
    const piece = raw ? s.slice(start, end) : decodeEntities(s.slice(start, end));
    this.counted += piece.length;
    if (this.kept.length <= CELL_LIMIT) this.kept += piece;
  }

  /** The text as written (with a spreadsheet's `_x000D_` escapes decoded when `escapes`); `length` is then its whole length. */
  finish(escapes: boolean): string {
    const whole = this.kept.length === this.counted;
    const text = escapes ? decodeEscapes(this.kept) : this.kept;
    this.length = whole ? text.length : this.counted;
    return text;
  }
}

/** A handler made of three functions: every part but the sheets is scanned with one, so that the scanner's calls see two kinds of handler, never more. */
class Callbacks implements XmlHandler {
  constructor(
    readonly open: XmlHandler['open'],
    readonly close: XmlHandler['close'] = () => {},
    readonly text: XmlHandler['text'] = () => {},
  ) {}
}

/** The part a relationship's target names, from the folder of the part it belongs to. */
function resolveTarget(from: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${from.slice(0, from.lastIndexOf('/') + 1)}${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/** Where the relationships of a part are: `xl/workbook.xml` has `xl/_rels/workbook.xml.rels`. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  /** The last segment of its type: `worksheet`, `sharedStrings`, `styles`, `officeDocument`. */
  kind: string;
  part: string;
}

async function relationships(archive: WorkbookArchive, of: string): Promise<Relationship[] | null> {
  const relsPart = relsPartOf(of);
  if (!archive.names.has(relsPart)) return null;
  const found: Relationship[] = [];
  await scanPart(archive, relsPart, new Callbacks((s, nameStart, nameEnd, end) => {
    if (!isName(s, nameStart, nameEnd, 'Relationship')) return;
    const id = attribute(s, nameEnd, end, 'Id');
    const type = attribute(s, nameEnd, end, 'Type');
    const target = attribute(s, nameEnd, end, 'Target');
    if (id === null || type === null || target === null || attribute(s, nameEnd, end, 'TargetMode') === 'External') return;
    found.push({ id, kind: type.slice(type.lastIndexOf('/') + 1), part: resolveTarget(of, target) });
  }));
  return found;
}

const trueText = (value: string | null): boolean => value === '1' || value === 'true';

/** Reads what the workbook says of itself; its sheets' rows are read after, one sheet at a time. */
export async function readWorkbookInfo(archive: WorkbookArchive): Promise<WorkbookInfo> {
  const officeDocument = (await relationships(archive, ''))?.find((rel) => rel.kind === 'officeDocument')?.part;
  const workbookPart = officeDocument !== undefined && archive.names.has(officeDocument) ? officeDocument : 'xl/workbook.xml';
  if (!archive.names.has(workbookPart)) throw new WorkbookShapeError('is not an Excel workbook: its zip archive holds no xl/workbook.xml (a Word document, or another zip file, renamed .xlsx?)');
  const listed: Array<{ name: string; id: string | null }> = [];
  let date1904 = false;
  await scanPart(archive, workbookPart, new Callbacks((s, nameStart, nameEnd, end) => {
    if (isName(s, nameStart, nameEnd, 'sheet')) {
      listed.push({ name: attribute(s, nameEnd, end, 'name') ?? `Sheet${listed.length + 1}`, id: attribute(s, nameEnd, end, 'id') });
    } else if (isName(s, nameStart, nameEnd, 'workbookPr')) {
      date1904 = trueText(attribute(s, nameEnd, end, 'date1904'));
    }
  }));
  const rels = await relationships(archive, workbookPart);
  const partOf = (kind: string, usual: string): string | null => {
    const part = rels?.find((rel) => rel.kind === kind)?.part ?? usual;
    return archive.names.has(part) ? part : null;
  };
  return {
    sheets: sheetEntries(archive, listed, rels),
    date1904,
    styles: await readStyles(archive, partOf('styles', 'xl/styles.xml')),
    sharedStrings: await readSharedStrings(archive, partOf('sharedStrings', 'xl/sharedStrings.xml')),
  };
}

/**
 * The worksheets in the order of their tabs (chart sheets hold no rows, and are passed over).
 * A workbook with no relationships names its sheets' parts by number, as the sheets are named.
 */
function sheetEntries(archive: WorkbookArchive, listed: Array<{ name: string; id: string | null }>, rels: Relationship[] | null): SheetEntry[] {
  if (rels === null) {
    return [...archive.names]
      .map((part) => ({ part, number: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(part)?.[1] }))
      .filter((entry): entry is { part: string; number: string } => entry.number !== undefined)
      .sort((a, b) => Number(a.number) - Number(b.number))
      .map(({ part, number }) => ({ name: `Sheet${number}`, part }));
  }
  const sheets: SheetEntry[] = [];
  for (const { name, id } of listed) {
    const rel = rels.find((r) => r.id === id);
    if (rel === undefined || rel.kind !== 'worksheet') continue;
    if (!archive.names.has(rel.part)) throw new WorkbookShapeError(`cannot be read as an Excel workbook: its sheet "${name}" is not in its zip archive (no part ${rel.part}); it is damaged`);
    sheets.push({ name, part: rel.part });
  }
  return sheets;
}

/** The number formats Excel knows by number, of those that show a date or a time. */
const BUILTIN_DATE_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** Each cell style's date format, from the number format of its `cellXfs` entry. */
async function readStyles(archive: WorkbookArchive, part: string | null): Promise<DateFormat[]> {
  if (part === null) return [];
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await scanPart(archive, part, new Callbacks(
    (s, nameStart, nameEnd, end) => {
      if (isName(s, nameStart, nameEnd, 'numFmt')) {
        const id = Number(attribute(s, nameEnd, end, 'numFmtId'));
        const code = attribute(s, nameEnd, end, 'formatCode');
        if (Number.isInteger(id) && code !== null) custom.set(id, code);
      } else if (isName(s, nameStart, nameEnd, 'cellXfs')) {
        inCellXfs = true;
      } else if (inCellXfs && isName(s, nameStart, nameEnd, 'xf')) {
        formatIds.push(Number(attribute(s, nameEnd, end, 'numFmtId') ?? 0));
      }
    },
    (s, nameStart, nameEnd) => {
      if (isName(s, nameStart, nameEnd, 'cellXfs')) inCellXfs = false;
    },
  ));
  return formatIds.map((id) => {
    const code = custom.get(id) ?? BUILTIN_DATE_FORMATS[id];
    return code === undefined ? NOT_A_DATE : formatParts(code);
  });
}

/** The shared strings: each `<si>` is its `<t>` text, or its rich text runs' joined; phonetic guides (`<rPh>`) are not text. */
async function readSharedStrings(archive: WorkbookArchive, part: string | null): Promise<SharedStrings> {
  const strings: SharedStrings = { texts: [], longLengths: new Map() };
  if (part === null) return strings;
  const gathered = new GatheredText();
  let inItem = false;
  let inPhonetic = false;
  let inText = false;
  await scanPart(archive, part, new Callbacks(
    (s, nameStart, nameEnd) => {
      if (isName(s, nameStart, nameEnd, 'si')) {
        inItem = true;
        gathered.reset();
      } else if (inItem && !inPhonetic && isName(s, nameStart, nameEnd, 't')) inText = true;
      else if (isName(s, nameStart, nameEnd, 'rPh')) inPhonetic = true;
    },
    (s, nameStart, nameEnd) => {
      if (isName(s, nameStart, nameEnd, 't')) inText = false;
      else if (isName(s, nameStart, nameEnd, 'rPh')) inPhonetic = false;
      else if (isName(s, nameStart, nameEnd, 'si')) {
        inItem = false;
        const text = gathered.finish(true);
        if (gathered.length > CELL_LIMIT) strings.longLengths.set(strings.texts.length, gathered.length);
        strings.texts.push(text);
      }
    },
    (s, start, end, raw) => {
      if (inText) gathered.add(s, start, end, raw);
    },
  ));
  return strings;
}
