/**
 * Makes producer text safe to analyse and store: lone surrogates become U+FFFD (they break
 * UTF-8 encoders and MongoDB), CRLF becomes LF, control characters other than tab and newline
 * are dropped, and bidi controls are kept (they are legitimate in right-to-left text).
 */
export function sanitiseText(input: string): string {
  let out: string[] | undefined;
  let from = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    let replacement: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? input.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      replacement = '\ufffd';
    } else if (c === 13) {
      replacement = input.charCodeAt(i + 1) === 10 ? '' : '\n';
    } else if ((c < 32 && c !== 10 && c !== 9) || c === 0x7f || c === 0xfeff) {
      replacement = '';
    } else if (c === 0xa0) {
      replacement = ' ';
    } else continue;
    (out ??= []).push(input.slice(from, i), replacement);
    from = i + 1;
  }
  if (out === undefined) return input;
  out.push(input.slice(from));
  return out.join('');
}

/** Trims each line's trailing blanks, collapses runs of blank lines and trims the whole text. */
export function tidyLines(lines: readonly string[]): string {
  const kept: string[] = [];
  let blank = 0;
  for (const line of lines) {
    const t = line.trimEnd();
    if (t.trim() === '') {
      blank++;
      continue;
    }
    if (kept.length > 0 && blank > 0) kept.push('');
    blank = 0;
    kept.push(t);
  }
  return kept.join('\n');
}
