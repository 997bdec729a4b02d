import { describe, expect, it } from 'vitest';
import { csvField, formatCsv } from './csv.js';

describe('RFC 4180 CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
    ['Søren Ærø 👍', 'Søren Ærø 👍'],
  ])('escapes %j as %j', (input, output) => {
    expect(csvField(input)).toBe(output);
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('writes empty fields for missing values and non-finite numbers', () => {
    expect([null, undefined, Number.NaN, Infinity].map(csvField)).toEqual(['', '', '', '']);
    expect(csvField(true)).toBe('true');
  });

  it('ends every record with CRLF', () => {
    expect(
      formatCsv([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });
});
