/**
 * Reads an Excel workbook (.xlsx): each sheet is a table, each cell the text a CSV export of it
 * would hold (cell-text.ts). The archive's parts are read where they lie (zip-parts.ts): the
 * workbook, its styles and shared strings first, then each sheet in the order of its tabs,
 * streamed row by row (sheet-rows.ts), so that a sheet of a million rows is never held in
 * memory, and each part is inflated once. Rows keep the row number Excel shows.
 */
import { TableAssembler } from './assemble.js';
import { readHead } from './encoding.js';
import { tooManyCells } from './limits.js';
import { SheetRows } from './sheet-rows.js';
import { InputError, type Skipped, type TableOpener } from './table.js';
import { readWorkbookInfo, scanPart, WorkbookShapeError } from './workbook-parts.js';
import { XmlError } from './xml-scanner.js';
import { openWorkbookArchive } from './zip-parts.js';

export { cellText } from './cell-text.js';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

async function isZip(path: string): Promise<boolean> {
  const head = await readHead(path, ZIP_SIGNATURE.length);
  return head.length === ZIP_SIGNATURE.length && ZIP_SIGNATURE.every((b, i) => head[i] === b);
}

/**
 * Reads every sheet of a workbook into a table of its own. A sheet that matches no export
 * layout, or holds nothing, is skipped when another sheet was read; when none was, the
 * workbook is refused as a CSV file with that header would be.
 */
export async function readWorkbook(path: string, openTable: TableOpener): Promise<Skipped[]> {
  if (!(await isZip(path))) {
    throw new InputError(`${path} is not an Excel workbook: an .xlsx file is a zip archive, and this one is not (a CSV file renamed .xlsx, or a download cut off?). Save it again from Excel as .xlsx, or as CSV`);
  }
  const archive = await openWorkbookArchive(path);
  const skipped: Skipped[] = [];
  let read = 0;
  let firstRefusal: InputError | null = null;
  // What the tables' sinks throw is theirs to say (an unknown header, a bug); only the reader's own failures mean a damaged workbook.
  const fromSink = new WeakSet<object>();
  const intoTable = (act: () => void): InputError | null => {
    try {
      act();
      return null;
    } catch (err) {
      if (err instanceof InputError) return err;
      if (typeof err === 'object' && err !== null) fromSink.add(err);
      throw err;
    }
  };
  try {
    const book = await readWorkbookInfo(archive);
    for (const sheet of book.sheets) {
      const file = `${path} [${sheet.name}]`;
      const table = new TableAssembler(openTable({ file, sheet: sheet.name }), { file, format: 'xlsx', encoding: 'xlsx', sheet: sheet.name }, { strictWidth: false });
      let refused: InputError | null = null;
      let empty = true;
      const rows = new SheetRows(book, (values, line, long, tooWide) => {
        if (values.length > 0 || tooWide) empty = false;
        const refusal = intoTable(() => {
          if (tooWide) table.unreadable(line, tooManyCells(), 1);
          else if (long === null) table.push(values, line);
          else table.pushWithLongCells(values, line, long);
        });
        if (refusal && table.started) throw refusal;
        refused = refusal;
        // A sheet with no header in its first rows is passed over: the rest of it is only checked.
        return refusal === null;
      });
      await scanPart(archive, sheet.part, rows, () => rows.stopped);
      if (empty) {
        skipped.push({ file, reason: 'the sheet is empty' });
        continue;
      }
      if (!refused) {
        const refusal = intoTable(() => table.end());
        if (refusal && table.started) throw refusal;
        refused = refusal;
      }
      if (refused) {
        firstRefusal ??= refused;
        skipped.push({ file, reason: 'no header of a known export layout in its first rows' });
        continue;
      }
      read += 1;
    }
  } catch (err) {
    if (err instanceof InputError || fromSink.has(err as object)) throw err;
    if (err instanceof XmlError) {
      throw new InputError(`${path} cannot be read as an Excel workbook: its part ${err.part} ${err.message}; it is damaged, or was not written by a spreadsheet. Save it again from Excel as .xlsx, or as CSV`);
    }
    if (err instanceof WorkbookShapeError) throw new InputError(`${path} ${err.message}. Save it again from Excel as .xlsx, or as CSV`);
    throw err;
  } finally {
    await archive.close();
  }
  if (read === 0) {
    if (firstRefusal) throw firstRefusal;
    throw new InputError(`${path} is empty: none of its sheets holds a header row`);
  }
  return skipped;
}
