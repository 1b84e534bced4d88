import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visible } from '../../src/report/visible.js';

describe('visible: what a terminal is sent of a value', () => {
  it.each([
    ['\u001b]52;c;ZXZpbA==\u0007', '\\x1b]52;c;ZXZpbA==\\x07'],
    ['\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['\u001b[2J', '\\x1b[2J'],
    ['a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['\u0000\u007f\u0080\u009b\u009f', '\\x00\\x7f\\x80\\x9b\\x9f'],
    ['Children’s Services — Ω, 团队 🙂', 'Children’s Services — Ω, 团队 🙂'],
    ['\u00a0\u00a0', '\u00a0\u00a0'],
  ])('%j is shown as %j', (value, shown) => {
    expect(visible(value)).toBe(shown);
  });

  it('leaves no control character, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)), fc.constantFrom('é', 'Ω', '🙂')) }), (text) => {
        const shown = visible(text);
        expect(/[\u0000-\u001f\u007f-\u009f]/.test(shown)).toBe(false);
        if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) expect(shown).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
