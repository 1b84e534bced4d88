/**
 * Records in compact batches, for sending from a reading thread to the main one. Cloning
 * records as objects between threads costs as much as reading them; a batch is a few typed
 * arrays (moved, not copied) and one list of strings, turned back into records on arrival.
 *
 * Each kind of record has a shape: how each of its fields is held. The encoder and the
 * decoder of a kind are compiled from its shape once, so that a record is written and read
 * with plain property accesses and rebuilt as one object literal (one hidden class for all
 * records of a kind, as the builders make them).
 */
import type { RecordLists, Records } from '../model/dataset.js';
import { compiledOr } from '../model/code-generation.js';

/** The kinds of record an export file yields (cases are worked out from the others later). */
export type FileRecordKind = Exclude<keyof Records, 'cases'>;
type RecordOf<K extends FileRecordKind> = RecordLists[K][number];

/** Where a file's records go as they are built: arrays in this thread, batches to another. */
export type RecordSink = { [K in FileRecordKind]: { push(record: RecordOf<K>): unknown } };

/**
 * How a field is held: `id` a string different on every record, `text` a string that repeats
 * (stored once per batch), numbers as doubles (NaN for null), booleans as bytes, `json` a list
 * or small object (stored once per batch as JSON, shared, frozen), `file` the file the batch
 * was read from (a workbook's sheet: every record of a batch is from one, given once, with the batch).
 */
export type Column = 'id' | 'text' | 'text?' | 'number' | 'number?' | 'boolean' | 'boolean?' | 'json' | 'file';

/** The columns a field of type V may be held in, so that a shape cannot disagree with the model. */
type ColumnFor<V> = [V] extends [string]
  ? 'id' | 'text' | 'file'
  : [V] extends [string | null]
    ? 'text?'
    : [V] extends [number]
      ? 'number'
      : [V] extends [number | null]
        ? 'number?'
        : [V] extends [boolean]
          ? 'boolean'
          : [V] extends [boolean | null]
            ? 'boolean?'
            : 'json';

type Shape<T> = { [P in keyof T]-?: ColumnFor<T[P]> };

/** Every field of every record kind, in the order the builders write them. */
const SHAPES: { [K in FileRecordKind]: Shape<RecordOf<K>> } = {
  workers: { id: 'id', staffNumber: 'text?', name: 'text?', role: 'text', profession: 'text', team: 'text', service: 'text?', start: 'number', asyeStart: 'number?', end: 'number?', file: 'file', line: 'number' },
  supervisors: { workerId: 'text', supervisorId: 'text', from: 'number', to: 'number?', file: 'file', line: 'number' },
  sessions: {
    id: 'id',
    workerId: 'text',
    supervisorId: 'text?',
    date: 'number',
    startAt: 'number',
    kind: 'text',
    status: 'text',
    cancelReasonGiven: 'boolean',
    durationMinutes: 'number?',
    recordedAt: 'number?',
    supervisorSignedAt: 'number?',
    superviseeSignedAt: 'number?',
    superviseeDisagreed: 'boolean',
    diversityDiscussed: 'boolean?',
    topics: 'json',
    file: 'file',
    line: 'number',
  },
  agreements: { workerId: 'text', supervisorId: 'text', signed: 'number', reviewed: 'number?', file: 'file', line: 'number' },
  allocations: { caseId: 'text', workerId: 'text', from: 'number', to: 'number?', file: 'file', line: 'number' },
  plans: { caseId: 'text', type: 'text', from: 'number', to: 'number?', flags: 'json', file: 'file', line: 'number' },
  discussions: {
    id: 'id',
    caseId: 'text',
    workerId: 'text',
    supervisorId: 'text?',
    date: 'number',
    startAt: 'number',
    kind: 'text',
    status: 'text',
    sessionId: 'text?',
    recordedAt: 'number?',
    supervisorSignedAt: 'number?',
    superviseeSignedAt: 'number?',
    file: 'file',
    line: 'number',
  },
  decisions: { id: 'id', caseId: 'text', date: 'number', kind: 'text', workerId: 'text?', file: 'file', line: 'number' },
  fileAudits: { id: 'id', caseId: 'text', date: 'number', auditorId: 'text?', file: 'file', line: 'number' },
  residences: { childId: 'text', home: 'text', from: 'number', to: 'number?', file: 'file', line: 'number' },
  incidents: { id: 'id', caseId: 'text', date: 'number', resolved: 'number?', file: 'file', line: 'number' },
  staffRecords: { workerId: 'text', type: 'text', date: 'number', validUntil: 'number?', course: 'text?', file: 'file', line: 'number' },
};

export const FILE_RECORD_KINDS = Object.keys(SHAPES) as FileRecordKind[];

/** The fields of a kind of record that hold what it says: every field but where it was read. */
export function valueFields(kind: FileRecordKind): string[] {
  return Object.entries(SHAPES[kind] as Record<string, Column>)
    .filter(([name, column]) => column !== 'file' && name !== 'line')
    .map(([name]) => name);
}

/** A batch of records of one kind from one file (or one sheet of a workbook), as it crosses between threads. */
export interface RecordBatch {
  kind: FileRecordKind;
  /** The file its records were read from, as they cite it. */
  file: string;
  count: number;
  /** One array per field, in the shape's order. */
  columns: Array<Float64Array | Int32Array | Int8Array>;
  /** The strings the columns point into. */
  strings: string[];
}

/** The buffers a batch's message can move to the other thread instead of copying. */
export function transferList(batch: RecordBatch): ArrayBuffer[] {
  return batch.columns.map((c) => c.buffer as ArrayBuffer);
}

export function newColumn(column: Column, size: number): Float64Array | Int32Array | Int8Array {
  if (column === 'file') return new Int32Array(0);
  if (column === 'number' || column === 'number?') return new Float64Array(size);
  if (column === 'boolean' || column === 'boolean?') return new Int8Array(size);
  return new Int32Array(size);
}

/** What the encoder stores for a field, given its value `v`, at row `i` of column `c`. */
const WRITE: Record<Column, (c: string) => string> = {
  id: (c) => `${c}[i] = s.push(v) - 1;`,
  text: (c) => `${c}[i] = s.index(v);`,
  'text?': (c) => `${c}[i] = v === null ? -1 : s.index(v);`,
  number: (c) => `${c}[i] = v;`,
  'number?': (c) => `${c}[i] = v === null ? NaN : v;`,
  boolean: (c) => `${c}[i] = v ? 1 : 0;`,
  'boolean?': (c) => `${c}[i] = v === null ? -1 : v ? 1 : 0;`,
  json: (c) => `${c}[i] = s.index(JSON.stringify(v));`,
  file: () => '',
};

/** How the decoder reads a field back from row `i` of column `c`. */
const READ: Record<Column, (c: string) => string> = {
  id: (c) => `s[${c}[i]]`,
  text: (c) => `s[${c}[i]]`,
  'text?': (c) => `(${c}[i] < 0 ? null : s[${c}[i]])`,
  number: (c) => `small(${c}[i])`,
  'number?': (c) => `(${c}[i] !== ${c}[i] ? null : small(${c}[i]))`,
  boolean: (c) => `${c}[i] === 1`,
  'boolean?': (c) => `(${c}[i] < 0 ? null : ${c}[i] === 1)`,
  json: (c) => `json(${c}[i])`,
  file: () => 'file',
};

export interface StringTable {
  push(text: string): number;
  index(text: string): number;
}
type Encode = (record: unknown, i: number, columns: RecordBatch['columns'], s: StringTable) => void;
type Decode = (
  columns: RecordBatch['columns'],
  count: number,
  s: string[],
  json: (index: number) => unknown,
  file: string,
  out: { push(record: unknown): unknown },
) => void;

export interface Codec {
  columns: Column[];
  encode: Encode;
  decode: Decode;
}

type Cells = RecordBatch['columns'][number];

/** What WRITE's code does, as functions: for a host where Node forbids code generation from strings. */
const WRITE_VALUE: Record<Column, (c: Cells, i: number, v: never, s: StringTable) => void> = {
  id: (c, i, v: string, s) => void (c[i] = s.push(v) - 1),
  text: (c, i, v: string, s) => void (c[i] = s.index(v)),
  'text?': (c, i, v: string | null, s) => void (c[i] = v === null ? -1 : s.index(v)),
  number: (c, i, v: number) => void (c[i] = v),
  'number?': (c, i, v: number | null) => void (c[i] = v === null ? NaN : v),
  boolean: (c, i, v: boolean) => void (c[i] = v ? 1 : 0),
  'boolean?': (c, i, v: boolean | null) => void (c[i] = v === null ? -1 : v ? 1 : 0),
  json: (c, i, v: unknown, s) => void (c[i] = s.index(JSON.stringify(v))),
  file: () => {},
};

/** Whole numbers read from a Float64Array are made small integers again: held as doubles, each would be a separate heap number. */
const small = (v: number): number => ((v | 0) === v ? v | 0 : v);

/** What READ's code does, as functions. */
const READ_VALUE: Record<Column, (c: Cells, i: number, s: string[], json: (index: number) => unknown, file: string) => unknown> = {
  id: (c, i, s) => s[c[i]!],
  text: (c, i, s) => s[c[i]!],
  'text?': (c, i, s) => (c[i]! < 0 ? null : s[c[i]!]),
  number: (c, i) => small(c[i]!),
  'number?': (c, i) => (c[i] !== c[i] ? null : small(c[i]!)),
  boolean: (c, i) => c[i] === 1,
  'boolean?': (c, i) => (c[i]! < 0 ? null : c[i] === 1),
  json: (c, i, _s, json) => json(c[i]!),
  file: (_c, _i, _s, _json, file) => file,
};

/** A kind's encoder and decoder going through its fields one by one, with no code compiled: the same records, more slowly. */
function interpreted(fields: Array<[string, Column]>): Pick<Codec, 'encode' | 'decode'> {
  return {
    encode: (record, i, columns, s) => fields.forEach(([name, column], k) => WRITE_VALUE[column](columns[k]!, i, (record as Record<string, never>)[name]!, s)),
    decode: (columns, count, s, json, file, out) => {
      for (let i = 0; i < count; i++) {
        const record: Record<string, unknown> = {};
        fields.forEach(([name, column], k) => (record[name] = READ_VALUE[column](columns[k]!, i, s, json, file)));
        out.push(record);
      }
    },
  };
}

/**
 * Compiles a kind's encoder and decoder. The code is made only from the shapes above
 * (field names that are plain identifiers), never from anything read from a file. Where Node
 * forbids code generation from strings (--disallow-code-generation-from-strings), or when asked
 * (`compiled` false: the tests hold the two to each other), the fields are gone through one by one.
 */
function codecOf(shape: Record<string, Column>, compiled: boolean): Codec {
  const fields = Object.entries(shape);
  for (const [name] of fields) if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`record field ${name} is not a plain name`);
  const columns = fields.map(([, column]) => column);
  if (!compiled) return { columns, ...interpreted(fields) };
  return { columns, ...compiledOr(() => compile(fields), () => interpreted(fields)) };
}

function compile(fields: Array<[string, Column]>): Pick<Codec, 'encode' | 'decode'> {
  const names = fields.map((_, i) => `c${i}`);
  const unpack = `const [${names.join(', ')}] = columns;`;
  const encode = new Function(
    'record',
    'i',
    'columns',
    's',
    `${unpack}\nlet v;\n${fields.map(([name, column], i) => `v = record.${name}; ${WRITE[column](names[i]!)}`).join('\n')}`,
  ) as Encode;
  const literal = fields.map(([name, column], i) => `${name}: ${READ[column](names[i]!)}`).join(', ');
  const decode = new Function('columns', 'count', 's', 'json', 'file', 'out', `${unpack}\nconst small = ${small.toString()};\nfor (let i = 0; i < count; i++) out.push({ ${literal} });`) as Decode;
  return { encode, decode };
}

/** A kind's encoder and decoder, compiled where Node allows it (`compiled` false: gone through field by field). */
export const codecFor = (kind: FileRecordKind, compiled = true): Codec => codecOf(SHAPES[kind] as Record<string, Column>, compiled);

const CODECS = Object.fromEntries(FILE_RECORD_KINDS.map((kind) => [kind, codecFor(kind)])) as Record<FileRecordKind, Codec>;

/** Records per batch: large enough that a message costs little per record, small enough to stream. */
const BATCH_SIZE = 8192;

/** Collects one kind's records into batches, handing each full batch to `send`. */
class BatchWriter {
  private count = 0;
  /** The file the batch's records were read from: a record from another (the next sheet of a workbook) starts a new batch. */
  private file = '';
  /** Made on the first record of a batch: most files make records of one kind only. */
  private columns: RecordBatch['columns'] | null = null;
  private strings: string[] = [];
  private indexOf = new Map<string, number>();
  private readonly table: StringTable = {
    push: (text) => this.strings.push(text),
    index: (text) => {
      let index = this.indexOf.get(text);
      if (index === undefined) {
        index = this.strings.push(text) - 1;
        this.indexOf.set(text, index);
      }
      return index;
    },
  };

  constructor(
    private readonly kind: FileRecordKind,
    private readonly send: (batch: RecordBatch) => void,
  ) {}

  push(record: unknown): void {
    const { file } = record as { file: string };
    if (this.count > 0 && file !== this.file) this.flush();
    this.file = file;
    this.columns ??= CODECS[this.kind].columns.map((c) => newColumn(c, BATCH_SIZE));
    CODECS[this.kind].encode(record, this.count, this.columns, this.table);
    this.count += 1;
    if (this.count === BATCH_SIZE) this.flush();
  }

  flush(): void {
    if (this.count === 0 || this.columns === null) return;
    const count = this.count;
    const columns = count === BATCH_SIZE ? this.columns : this.columns.map((c) => c.slice(0, count));
    this.send({ kind: this.kind, file: this.file, count, columns, strings: this.strings });
    this.reset();
  }

  private reset(): void {
    this.count = 0;
    this.columns = null;
    this.strings = [];
    this.indexOf = new Map();
  }
}

/** A record sink that sends records on in batches; `flush` sends what is left. */
export function batchingSink(send: (batch: RecordBatch) => void): RecordSink & { flush(): void } {
  const writers = FILE_RECORD_KINDS.map((kind) => [kind, new BatchWriter(kind, send)] as const);
  return {
    ...(Object.fromEntries(writers) as unknown as RecordSink),
    flush: () => writers.forEach(([, writer]) => writer.flush()),
  };
}

/** Adds a batch's records to `records`. */
export function addBatch(batch: RecordBatch, records: Records): void {
  const parsed = new Map<number, unknown>();
  // Lists and small objects repeat: each is parsed once per batch, and frozen since records share it.
  const json = (index: number): unknown => {
    let value = parsed.get(index);
    if (value === undefined) {
      value = Object.freeze(JSON.parse(batch.strings[index]!));
      parsed.set(index, value);
    }
    return value;
  };
  CODECS[batch.kind].decode(batch.columns, batch.count, batch.strings, json, batch.file, records[batch.kind] as { push(record: unknown): unknown });
}
