/**
 * Every problem of an export set in one run: each header that matches no layout, each renamed
 * column of each file and each code the adapter does not map, in one message (exit 2) that ends
 * with one block of adapter.yaml lines merging them all; pasted into the adapter, the block
 * makes the audit run.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { adapterYaml } from '../../src/adapters/detect.js';
import { codeLine } from '../../src/adapters/export-set.js';
import { authorityAdapter, adapterFileSchema } from '../../src/adapters/authority.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

/** The newham sample with its HR record types written as another HR system words them. */
const HR_WORDS: Record<string, string> = {
  'Prof Registration - SWE': 'Prof Registration SWE',
  'DBS Enhanced Check': 'DBS Check (Enhanced)',
  'Annual Appraisal': 'Annual Appraisal Review',
  'Personal Development Plan': 'Personal Development Plan Review',
  'Course Attended': 'Course Attended (Level 2)',
};

function rewrite(file: string, change: (lines: string[]) => string[]): void {
  writeFileSync(file, change(readFileSync(file, 'utf8').split(/\r?\n/)).join('\r\n'));
}

/** The newham sample, less the one case activity of a code it does not map, with `change` made to it. */
function exportSet(name: string): string {
  const dir = join(tmp.dir, name);
  cpSync('samples/newham', dir, { recursive: true });
  rewrite(join(dir, 'case_activities.csv'), (lines) => lines.filter((l) => !l.includes(',HOME_VISIT,')));
  return dir;
}

function renameHrWords(dir: string, words = HR_WORDS): void {
  rewrite(join(dir, 'staff_records.csv'), (lines) =>
    lines.map((line, i) => {
      if (i === 0) return line;
      const cells = line.split(',');
      if (cells[1] !== undefined && words[cells[1]] !== undefined) cells[1] = words[cells[1]]!;
      return cells.join(',');
    }),
  );
}

const audit = (dir: string, policy = 'newham') => runMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');

/** A copy of the newham policy whose adapter.yaml has `lines` merged into it, as a user pastes them. */
function policyWith(name: string, pasted: string): string {
  const folder = join(tmp.dir, name);
  cpSync('policies/newham', folder, { recursive: true });
  const adapter = parseDocument(readFileSync(join(folder, 'adapter.yaml'), 'utf8'));
  const block = parse(pasted) as { columns?: Record<string, Record<string, string>>; codes?: Record<string, Record<string, string>> };
  for (const part of ['columns', 'codes'] as const) {
    for (const [key, entries] of Object.entries(block[part] ?? {})) {
      for (const [from, to] of Object.entries(entries)) adapter.setIn([part, key, from], to);
    }
  }
  writeFileSync(join(folder, 'adapter.yaml'), adapter.toString());
  return folder;
}

/** The lines to paste: those after the sentence that introduces them, less their indent. */
function pastedBlock(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  const from = lines.findIndex((l) => l.startsWith('To map '));
  return lines
    .slice(from + 1)
    .map((l) => l.slice(4))
    .join('\n');
}

describe('the problems of an export set', () => {
  it('a file whose header row is missing: its first row is said to look like data, and none of its cells is quoted', async () => {
    const dir = exportSet('headerless');
    // The header line goes; the first session's cancellation reason and notes carry words no message may show.
    rewrite(join(dir, 'supervision.csv'), ([, first, ...rows]) => [first!.replace(/,[^,]*$/, ',PRIVATE NOTE').replace(/,60,,/, ',60,PRIVATE REASON,'), ...rows]);
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${dir}/supervision.csv: line 1 looks like a row of data, not a header (8 of its 15 cells are numbers or dates): is the header row missing? Export the file again with its column names`,
    );
    expect(run.stderr).not.toContain('PRIVATE');
    expect(run.stderr).not.toContain('9000001');
  });

  it.each([
    ['staff records, a note in the first row', 'staff_records.csv', (first: string) => first.replace(/,[^,]*$/, ',PRIVATE NOTE'), 'line 1 looks like a row of data, not a header (3 of its 6 cells are numbers or dates)'],
    ['staff, a name in the first row', 'staff.csv', (first: string) => first.replace('"Ahmed, George"', 'PRIVATE NAME'), 'line 1 looks like a row of data, not a header (2 of its 8 cells are numbers or dates)'],
  ])('a headerless export of %s: said to be data, and none of its cells quoted', async (_, file, change, said) => {
    const dir = exportSet(`headerless-${file}`);
    rewrite(join(dir, file), ([, first, ...rows]) => [change(first!), ...rows]);
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/${file}: ${said}: is the header row missing? Export the file again with its column names`);
    expect(run.stderr).not.toContain('PRIVATE');
    expect(run.stderr).not.toContain('10001');
  });

  it('Mosaic exports read with --system azeus: each file named as the Mosaic export it is, and no adapter.yaml lines', async () => {
    const run = await runMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--system', 'azeus');
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('supervision-audit: the export set cannot be audited as it is: 7 files are exports of another system than --system gives. Each is below.');
    expect(lines).toContain(
      'samples/barnsley/workers.csv: the header is that of the mosaic workers layout, but --system azeus reads every file as azeus: leave --system out to read each file as the system it comes from, or give --system mosaic',
    );
    expect(lines).toHaveLength(8);
    expect(run.stderr).not.toContain('adapter.yaml');
  });

  it('of layouts as close as each other, the one whose missing column looks like a column of the file comes first, with its line to paste', async () => {
    const dir = join(tmp.dir, 'tie');
    cpSync('samples/barnsley', dir, { recursive: true });
    // Residents of children's homes share PERSON_ID and the dates too, and miss one column as allocations do.
    rewrite(join(dir, 'allocated_workers.csv'), ([header, ...rows]) => [header!.replace(',WORKER_ID,ALLOCATION_TYPE,', ',Worker Id (Text),Allocation Type (Text),'), ...rows]);
    const run = await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/allocated_workers.csv: the header matches no known export layout. Closest: mosaic allocated workers (missing WORKER_ID);`);
    expect(run.stderr).toContain('      allocations:\n        WORKER_ID: Worker Id (Text)\n');
    expect(run.stderr).not.toContain('RESIDENTIAL_HOME');
  });

  it('a header of two column names and two years is a header, shown with its closest layout', async () => {
    const dir = join(tmp.dir, 'years-half');
    cpSync('samples/barnsley', dir, { recursive: true });
    rewrite(join(dir, 'supervisors.csv'), ([header, ...rows]) => [header!.replace('START_DATE,END_DATE', '2025,2026'), ...rows]);
    const run = await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/supervisors.csv: the header matches no known export layout. Closest: mosaic supervisors (missing START_DATE)`);
    expect(run.stderr).toContain("The file's header (line 1): WORKER_ID, SUPERVISOR_WORKER_ID, 2025, 2026");
  });

  it('Liquid Logic exports read with --system azeus: the form answers too are named as what they are', async () => {
    const run = await runMain('audit', 'samples/portsmouth', '--policy', 'portsmouth', '--as-of', '2026-10-31', '--system', 'azeus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'samples/portsmouth/form_answers.csv: the header is that of the liquidlogic form answers layout, but --system azeus reads every file as azeus: leave --system out to read each file as the system it comes from, or give --system liquidlogic',
    );
    expect(run.stderr).not.toContain('looks like a row of data');
  });

  it('a renamed column beside two columns named by years: still a header, named with the lines to map it', async () => {
    const dir = exportSet('years');
    rewrite(join(dir, 'staff.csv'), ([header, ...rows]) => [`${header!.replace('EFFECT_DT_FR', 'Effective From Date')},2025,2026`, ...rows.map((row) => (row === '' ? row : `${row},Y,N`))]);
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${dir}/staff.csv: the header matches no known export layout. Closest: azeus staff (missing EFFECT_DT_FR)`);
    expect(run.stderr).toContain("The file's header (line 1): EMP_ID, STAFF_NO, EMP_NAME, POST_TITLE, TEAM_NAME, SVC_NAME, PROF_CD, Effective From Date, EFFECT_DT_TO, ASYE_START_DT, …");
    expect(run.stderr).toContain('EFFECT_DT_FR: Effective From Date');
  });

  it('two renamed columns in two files, a file of no layout and five HR codes: one message, one block of adapter.yaml lines, exit 2; pasted, the audit runs', async () => {
    const dir = exportSet('renamed');
    rewrite(join(dir, 'supervision.csv'), ([header, ...rows]) => [header!.replace('SUPV_DT', 'Supervision Date'), ...rows]);
    rewrite(join(dir, 'staff.csv'), ([header, ...rows]) => [header!.replace('EFFECT_DT_FR', 'Effective From Date'), ...rows]);
    writeFileSync(join(dir, 'notes.csv'), 'NOTE_REF,WRITTEN_BY\r\n1,10001\r\n');
    renameHrWords(dir);
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'supervision-audit: the export set cannot be audited as it is: the headers of 3 files match no known export layout and 1 file holds codes policies/newham/adapter.yaml does not map. Each is below, then the lines for policies/newham/adapter.yaml that would read them.',
        `${dir}/notes.csv: the header matches no known export layout. No known layout has any column of it`,
        "  The file's header (line 1): NOTE_REF, WRITTEN_BY",
        `${dir}/staff.csv: the header matches no known export layout. Closest: azeus staff (missing EFFECT_DT_FR); azeus staff (missing DESIGNATION, EFFECT_DT_FR)`,
        "  The file's header (line 1): EMP_ID, STAFF_NO, EMP_NAME, POST_TITLE, TEAM_NAME, SVC_NAME, PROF_CD, Effective From Date, EFFECT_DT_TO, ASYE_START_DT",
        `${dir}/supervision.csv: the header matches no known export layout. Closest: azeus supervision (missing SUPV_DT); azeus case activities (case supervision, management oversight and decisions) (missing CASE_ACT_ID, CASE_ID, CASE_ACT_CD, CASE_ACT_DT, RESP_WKR)`,
        "  The file's header (line 1): SUPV_ID, EMP_ID, SUPV_EMP_ID, SUPV_TYPE, STATUS, Supervision Date, DURATION_MINS, CANC_REAS, CREATE_DT, SUPV_SIGN_DT, SU…",
        `${dir}/staff_records.csv: RECORD_TYPE holds 5 codes policies/newham/adapter.yaml does not map (codes.recordTypes), in 611 rows, each rejected: "Prof Registration SWE" (line 2, 169 rows), "DBS Check (Enhanced)" (line 10, 84 rows), "Annual Appraisal Review" (line 13, 152 rows), "Personal Development Plan Review" (line 14, 152 rows), "Course Attended (Level 2)" (line 27, 54 rows)`,
        'To map the columns each file misses, where it has them under other names, and the codes, add these lines to policies/newham/adapter.yaml (merged with what is there), then run again:',
        '    columns:',
        '      workers:',
        '        EFFECT_DT_FR: Effective From Date',
        '      sessions:',
        '        SUPV_DT: Supervision Date',
        '    codes:',
        '      recordTypes:',
        '        Prof Registration SWE: SWE_REGISTRATION   # a guess, as "Prof Registration - SWE" is: check it',
        '        DBS Check (Enhanced): DBS_CHECK   # a guess, as "DBS Enhanced Check" is: check it',
        '        Annual Appraisal Review: APPRAISAL   # a guess, as "Annual Appraisal" is: check it',
        '        Personal Development Plan Review: PDP   # a guess, as "Personal Development Plan" is: check it',
        '        Course Attended (Level 2): TRAINING   # a guess, as "Course Attended" is: check it',
        '',
      ].join('\n'),
    );

    // The file of no layout is no export of the authority's: left out, and the block pasted, the set reads.
    rmSync(join(dir, 'notes.csv'));
    const policy = policyWith('pasted', pastedBlock(run.stderr));
    const again = await audit(dir, policy);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { inputs: Array<{ file: string; rowsRead: number; rowsUsed: number }> };
    const staffRecords = report.inputs.find((i) => i.file.endsWith('staff_records.csv'))!;
    expect([staffRecords.rowsRead, staffRecords.rowsUsed]).toEqual([611, 611]);
    // Read so, the set gives the sample's own report but for its files' names and the one activity taken out.
    const sample = await audit(exportSet('as-exported'));
    const figures = (text: string) => (JSON.parse(text) as { summary: { rules: unknown[] } }).summary.rules;
    expect(figures(again.stdout)).toEqual(figures(sample.stdout));
  });

  it('an HR export most of whose rows hold codes the adapter does not map: every code named, the adapter to complete, not the export', async () => {
    const dir = exportSet('codes');
    renameHrWords(dir, { ...HR_WORDS, 'Course Attended': 'Long Service Award' });
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        `supervision-audit: ${dir}/staff_records.csv: 611 of its 611 rows (100%) were rejected, more than --max-rejected 25% allows, so an audit of it would rest on a fraction of the export. 611 of them hold codes the adapter does not map, each below with the line that maps it: add those lines to the adapter and run again, or run with --max-rejected 100 to audit what could be read.`,
        `${dir}/staff.csv: POST_TITLE holds 1 code policies/newham/adapter.yaml does not map (codes.roles), in 1 row, each kept, as role other: "Principal Practitioner" (line 53, 1 row)`,
        `${dir}/staff_records.csv: RECORD_TYPE holds 5 codes policies/newham/adapter.yaml does not map (codes.recordTypes), in 611 rows, each rejected: "Prof Registration SWE" (line 2, 169 rows), "DBS Check (Enhanced)" (line 10, 84 rows), "Annual Appraisal Review" (line 13, 152 rows), "Personal Development Plan Review" (line 14, 152 rows), "Long Service Award" (line 27, 54 rows)`,
        'To map the codes, add these lines to policies/newham/adapter.yaml (merged with what is there), filling in each "", then run again:',
        '    codes:',
        '      roles:',
        '        Principal Practitioner: practitioner   # a guess by its name: check it',
        '      recordTypes:',
        '        Prof Registration SWE: SWE_REGISTRATION   # a guess, as "Prof Registration - SWE" is: check it',
        '        DBS Check (Enhanced): DBS_CHECK   # a guess, as "DBS Enhanced Check" is: check it',
        '        Annual Appraisal Review: APPRAISAL   # a guess, as "Annual Appraisal" is: check it',
        '        Personal Development Plan Review: PDP   # a guess, as "Personal Development Plan" is: check it',
        '        Long Service Award: ""   # its meaning, one of: SWE_REGISTRATION, HCPC_REGISTRATION, DBS_CHECK, APPRAISAL, PDP, TRAINING, other (other: a kind of record no rule reads)',
        '',
      ].join('\n'),
    );
    // The blank filled in as the message asks, the audit runs.
    const policy = policyWith('filled', pastedBlock(run.stderr).replace('Long Service Award: ""', 'Long Service Award: TRAINING'));
    const again = await audit(dir, policy);
    expect([again.code, again.stderr]).toEqual([0, '']);
  });

  it('a damaged file is the export\'s to correct: its own sentence, with no codes of other files under it', async () => {
    const dir = exportSet('damaged');
    writeFileSync(join(dir, 'staff.xlsx'), 'EMP_ID,POST_TITLE\r\n1,Social Worker\r\n');
    rmSync(join(dir, 'staff.csv'));
    renameHrWords(dir);
    const run = await audit(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${dir}/staff.xlsx is not an Excel workbook: an .xlsx file is a zip archive, and this one is not (a CSV file renamed .xlsx, or a download cut off?). Save it again from Excel as .xlsx, or as CSV\n`);
  });
});

describe('the adapter.yaml lines for a code', () => {
  const adapter = authorityAdapter(adapterFileSchema.parse(parse(readFileSync('policies/newham/adapter.yaml', 'utf8'))));
  const code = (map: 'recordTypes' | 'topics' | 'roles' | 'sessionKinds' | 'caseStepTypes', written: string) => ({ file: 'f.csv', column: 'C', map, code: written, line: 2, rows: 1, effect: 'row rejected' as const });

  it('gives the meaning of the known code it is most like, said to be a guess; else leaves it blank with the meanings it may have', () => {
    expect(codeLine(code('recordTypes', 'Annual Appraisal Review'), adapter)).toEqual({ map: 'recordTypes', code: 'Annual Appraisal Review', meaning: 'APPRAISAL', comment: 'a guess, as "Annual Appraisal" is: check it' });
    expect(codeLine(code('recordTypes', 'Appraisals'), adapter)).toEqual({ map: 'recordTypes', code: 'Appraisals', meaning: 'APPRAISAL', comment: 'a guess by its name: check it' });
    expect(codeLine(code('recordTypes', 'Long Service Award'), adapter).meaning).toBeNull();
    expect(codeLine(code('topics', 'Wellbeing'), adapter)).toEqual({ map: 'topics', code: 'Wellbeing', meaning: null, comment: 'the topic the policy calls it' });
  });

  // "Case Supervision" is like Mosaic's "Ad Hoc Supervision": guessed so, case discussions would count as supervision sessions.
  it('never guesses a meaning for a code the system knows as a record of another kind: it asks whether the file lost a column', () => {
    const mosaic = authorityAdapter(adapterFileSchema.parse(parse(readFileSync('policies/barnsley/adapter.yaml', 'utf8'))));
    expect(codeLine(code('sessionKinds', ' case  supervision'), mosaic)).toEqual({
      map: 'sessionKinds',
      code: ' case  supervision',
      meaning: null,
      comment: 'a code for a case step (codes.caseStepTypes reads it as discussion:supervision), not for a supervision session: is the file a case steps export with a column missing?',
    });
    expect(codeLine(code('caseStepTypes', 'Formal Supervision'), mosaic)).toEqual({
      map: 'caseStepTypes',
      code: 'Formal Supervision',
      meaning: null,
      comment: 'a code for a supervision session (codes.sessionKinds reads it as planned), not for a case step: is the file a supervision steps export with a column missing?',
    });
    // A session kind no other map knows is still guessed from the one it is like.
    expect(codeLine(code('sessionKinds', 'Ad Hoc Supervisions'), mosaic).meaning).toBe('ad-hoc');
    // Each system's own name for the export.
    expect(codeLine(code('sessionKinds', 'MGMT_OVS'), adapter).comment).toBe(
      'a code for a case step (codes.caseStepTypes reads it as discussion:management-oversight), not for a supervision session: is the file a case activities export with a column missing?',
    );
  });

  it('merges the columns of each entity and the codes of each map into one block, quoting what YAML would read otherwise', () => {
    const lines = adapterYaml(
      [
        { system: 'azeus', title: 'staff', entity: 'workers', columns: [{ reference: 'EFFECT_DT_FR', own: 'Start: date' }] },
        { system: 'azeus', title: 'staff', entity: 'workers', columns: [{ reference: 'EFFECT_DT_FR', own: 'Other' }, { reference: 'DESIGNATION', own: null }] },
      ],
      [
        { map: 'recordTypes', code: 'true', meaning: 'PDP', comment: 'c' },
        { map: 'recordTypes', code: 'TRUE ', meaning: 'PDP', comment: 'c' },
      ],
    );
    expect(lines).toEqual([
      'columns:',
      '  workers:',
      '    EFFECT_DT_FR: "Start: date"',
      '    DESIGNATION: ""   # the file\'s name for it: no column of the file looks like it',
      'codes:',
      '  recordTypes:',
      '    "true": PDP   # c',
    ]);
  });
});
