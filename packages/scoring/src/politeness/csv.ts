/**
 * A small RFC 4180 CSV reader for the training and evaluation scripts. The politeness corpus has
 * quoted fields holding commas, doubled quotes and line breaks, so splitting on commas is wrong.
 */

export class CsvError extends Error {
  override name = 'CsvError';
}

/**
 * Parses CSV text into rows of fields. Accepts LF and CRLF line ends and a leading byte-order mark.
 * A trailing line end does not produce an empty row. Throws CsvError on an unterminated quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  // Tracks whether the current row has any content, so a final newline adds no empty row.
  let rowStarted = false;
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      // Quoted field: read up to the closing quote, turning "" into ".
      const openedAt = i;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        const line = text.slice(0, openedAt).split('\n').length;
        throw new CsvError(`unterminated quoted field starting on line ${line}`);
      }
      rowStarted = true;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      rowStarted = true;
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      rowStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      rowStarted = true;
      i++;
    }
  }
  if (rowStarted) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
