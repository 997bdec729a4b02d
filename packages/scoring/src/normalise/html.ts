/**
 * HTML e-mail bodies to the plain text a reviewer reads. A single linear scan with no recursion
 * and no regex over the whole input, so deeply nested or malformed markup costs no more than its
 * length. Scripts, styles and the head are dropped; block elements become line breaks;
 * <blockquote> content (quoted earlier mails) is dropped; entities are decoded.
 */
const DROPPED_CONTENT = new Set([
  'script',
  'style',
  'head',
  'title',
  'noscript',
  'template',
  'svg',
  'object',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'tbody',
  'thead',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'pre',
  'address',
  'dd',
  'dt',
  'dl',
  'center',
  'form',
  'body',
  'html',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  aring: 'å',
  Aring: 'Å',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  uuml: 'ü',
  Uuml: 'Ü',
  szlig: 'ß',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  euro: '€',
  pound: '£',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  shy: '',
  zwnj: '',
  zwj: '',
  lrm: '\u200e',
  rlm: '\u200f',
};

function codePointToString(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

/** Decodes character references; unknown or malformed ones are kept as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  const parts: string[] = [];
  let from = 0;
  let i = s.indexOf('&');
  let semi = -1;
  while (i >= 0) {
    // Reuse the last ";" found while it lies ahead: a run of "&" without ";" stays linear.
    if (semi <= i) semi = s.indexOf(';', i + 1);
    if (semi < 0) break;
    if (semi - i <= 12) {
      const body = s.slice(i + 1, semi);
      let decoded: string | undefined;
      if (body.charCodeAt(0) === 35 /* # */) {
        const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
        const digits = body.slice(hex ? 2 : 1);
        if (digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
          decoded = codePointToString(parseInt(digits, hex ? 16 : 10));
      } else decoded = NAMED_ENTITIES[body];
      if (decoded !== undefined) {
        parts.push(s.slice(from, i), decoded);
        from = semi + 1;
      }
    }
    i = s.indexOf('&', i + 1);
    if (i >= 0 && i < from) i = s.indexOf('&', from);
  }
  parts.push(s.slice(from));
  return parts.join('');
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function tagName(html: string, from: number, to: number): string {
  let i = from;
  while (i < to && !isAsciiLetter(html.charCodeAt(i)) && i - from < 2) i++;
  const start = i;
  while (i < to) {
    const c = html.charCodeAt(i);
    if (!(isAsciiLetter(c) || (c >= 48 && c <= 57))) break;
    i++;
  }
  return html.slice(start, i).toLowerCase();
}

/** HTML whitespace collapses: every run of it becomes one space. Line breaks come from the markup. */
function collapseSpaces(s: string): string {
  // Copies the text between runs as slices: a character-by-character `+=` built a rope per text node.
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  while (i < s.length) {
    if (!isHtmlSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    parts.push(s.slice(from, i), ' ');
    while (i < s.length && isHtmlSpace(s.charCodeAt(i))) i++;
    from = i;
  }
  if (from === 0) return s;
  parts.push(s.slice(from));
  return parts.join('');
}

function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;
}

export function htmlToText(html: string): string {
  const n = html.length;
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let quoteDepth = 0;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (quoteDepth === 0) parts.push(collapseSpaces(decodeEntities(html.slice(i, textEnd))));
      i = textEnd;
      continue;
    }
    // html[i] === '<'
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (!(isAsciiLetter(next) || next === 47 /* / */ || next === 33 /* ! */ || next === 63 /* ? */)) {
      // A bare "<" in text ("a < b").
      if (quoteDepth === 0) parts.push('<');
      i++;
      continue;
    }
    const gt = html.indexOf('>', i + 1);
    if (gt < 0) break; // an unterminated tag swallows the rest, as browsers do
    const closing = next === 47;
    const name = tagName(html, i + 1, gt);
    i = gt + 1;
    if (name === '') continue;
    if (!closing && DROPPED_CONTENT.has(name) && html.charCodeAt(gt - 1) !== 47) {
      const end = lower.indexOf(`</${name}`, i);
      if (end < 0) break;
      const endGt = html.indexOf('>', end);
      i = endGt < 0 ? n : endGt + 1;
      continue;
    }
    if (name === 'blockquote') {
      quoteDepth = closing ? Math.max(0, quoteDepth - 1) : quoteDepth + 1;
      parts.push('\n');
      continue;
    }
    if (BLOCKS.has(name)) parts.push('\n');
    else if (name === 'td' || name === 'th') parts.push(' ');
  }
  const lines = parts.join('').split('\n');
  for (let k = 0; k < lines.length; k++) lines[k] = (lines[k] as string).trim();
  return lines.join('\n');
}
