import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.js';
import { parseAnnotatedCsv, PolitenessDataError, quartileLabels } from './dataset.js';

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, embedded newlines and CRLF', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\n2,"line1\nline2",\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'line1\nline2', ''],
    ]);
  });

  it('rejects an unterminated quote with its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(
      new CsvError('unterminated quoted field starting on line 2'),
    );
  });
});

describe('parseAnnotatedCsv / quartileLabels', () => {
  const header = 'Community,Id,Request,Score1,Normalized Score';
  const rows = Array.from({ length: 8 }, (_, i) => `Wikipedia,${i},"Request ${i}, please",13,${i - 4}`);

  it('keeps floor(n/4) requests at each end with labels', () => {
    const labelled = quartileLabels(parseAnnotatedCsv([header, ...rows].join('\n'), 'test.csv'));
    expect(labelled.map((r) => [r.id, r.label])).toEqual([
      ['0', 0],
      ['1', 0],
      ['6', 1],
      ['7', 1],
    ]);
    expect(labelled[0]!.request).toBe('Request 0, please');
  });

  it('names a missing column', () => {
    expect(() => parseAnnotatedCsv('Id,Request\n1,x\n2,y\n3,z\n4,w', 'f.csv')).toThrow(
      /f\.csv: missing column "Normalized Score"/,
    );
  });

  it('names a row whose score is not a number', () => {
    const bad = [header, ...rows.slice(0, 3), 'Wikipedia,9,text,1,abc'].join('\n');
    expect(() => parseAnnotatedCsv(bad, 'f.csv')).toThrow(PolitenessDataError);
    expect(() => parseAnnotatedCsv(bad, 'f.csv')).toThrow(
      /row 4 \(Id 9\): "Normalized Score" is not a number/,
    );
  });
});
