/** What a cell of a spreadsheet can hold that a reader must recognise in any format. */

/** The text given for a formula whose cached value is an error the workbook does not name. */
export const FORMULA_ERROR = '#ERROR!';
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|ERROR!)$/;

/** Whether a cell holds an Excel error (#N/A, #REF!, ...), as a workbook, or a CSV saved from one, has it. */
export function isExcelError(text: string): boolean {
  return EXCEL_ERROR.test(text.trim());
}
