import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsMaker } from '../../src/adapters/mapper.js';

/** A record's fields as setting each by name, in order, makes them: each an own field, the later of two values of one name kept. */
function setOneByOne(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  names.forEach((name, i) => Object.defineProperty(fields, name, { value: values[i], writable: true, enumerable: true, configurable: true }));
  return fields;
}

describe('a record\'s fields made of its values by position', () => {
  it.each([
    { names: ['id', 'caseId', 'start'], values: ['7', '500001', { day: 19_000, seconds: null }] },
    { names: ['id', 'workerId'], values: [undefined, null] },
    // The same name twice (never in a layout): the later value, as setting them one by one keeps.
    { names: ['status', 'status'], values: ['held', 'cancelled'] },
    // Names an object literal cannot take as they are: set one by one.
    { names: ['__proto__', 'team'], values: [{ polluted: true }, 'North'] },
    { names: ['SESSION DATE', '1st', 'a-b'], values: [1, 2, 3] },
    { names: [], values: [] },
  ])('$names', ({ names, values }) => {
    const made = fieldsMaker(names)(values);
    const expected = setOneByOne(names, values);
    expect(made).toStrictEqual(expected);
    expect(Object.keys(made)).toEqual(Object.keys(expected));
    expect(Object.getPrototypeOf(made)).toBe(Object.getPrototypeOf(expected));
  });

  it('is the same as setting each by name, for any names and values', () => {
    const name = fc.oneof(fc.constantFrom('id', 'caseId', 'workerId', 'start', 'status', '__proto__', 'constructor', 'toString', '$x', '_y'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.anything()), { maxLength: 12 }), (pairs) => {
        const names = pairs.map(([n]) => n);
        const values = pairs.map(([, v]) => v);
        const made = fieldsMaker(names)(values);
        const expected = setOneByOne(names, values);
        expect(Object.keys(made)).toEqual(Object.keys(expected));
        for (const key of Object.keys(expected)) expect(made[key]).toBe(expected[key]);
        expect(Object.getPrototypeOf(made)).toBe(Object.getPrototypeOf(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a field named __proto__ as a field, the prototype untouched', () => {
    const made = fieldsMaker(['__proto__', 'team'])(['held', 'North']);
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(made, '__proto__')?.value).toBe('held');
    expect(made['team']).toBe('North');
  });

  it('sets each field by name where Node forbids code generation from strings', () => {
    const script = `import { fieldsMaker } from ${JSON.stringify(fileURLToPath(new URL('../../dist/adapters/mapper.js', import.meta.url)))};
      process.stdout.write(JSON.stringify(fieldsMaker(['id', 'caseId'])(['7', '500001'])));`;
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ id: '7', caseId: '500001' });
  });

  it('makes a new object for each record, so that a builder may keep one', () => {
    const make = fieldsMaker(['id']);
    const values = ['1'];
    const first = make(values);
    values[0] = '2';
    expect(first).toEqual({ id: '1' });
    expect(make(values)).toEqual({ id: '2' });
  });
});
