/**
 * Removes from an e-mail body what the agent or customer did not write in this message: quoted
 * earlier mails (English and Danish reply headers, Outlook header blocks, "> " lines), the
 * signature block and legal disclaimers. Line-based and linear; each line is looked at a bounded
 * number of times.
 */
export interface EmailCleaning {
  text: string;
  quoted: boolean;
  signature: boolean;
  disclaimer: boolean;
}

const HEAD = 200; // only the start of a line is inspected for headers and disclaimers

const OUTLOOK_SEPARATORS = [
  '-----original message-----',
  '-----oprindelig meddelelse-----',
  '-----original meddelelse-----',
];
const FROM_LINE = ['from:', 'fra:'];
const HEADER_FOLLOWERS = ['sent:', 'date:', 'to:', 'subject:', 'sendt:', 'dato:', 'til:', 'emne:', 'cc:'];

const SIGN_OFFS = new Set([
  'best regards',
  'kind regards',
  'warm regards',
  'regards',
  'best wishes',
  'best',
  'cheers',
  'sincerely',
  'yours sincerely',
  'yours faithfully',
  'thanks',
  'thank you',
  'many thanks',
  'thanks again',
  'all the best',
  'med venlig hilsen',
  'venlig hilsen',
  'venlige hilsner',
  'mvh',
  'de bedste hilsner',
  'bedste hilsner',
  'hilsen',
  'kærlig hilsen',
  'tak',
  'på forhånd tak',
  'god dag',
]);
/** Lines after a sign-off that still look like a signature (name, title, company, phone). */
const MAX_SIGNATURE_LINES = 6;
const MAX_SIGNATURE_LINE_CHARS = 90;

const DISCLAIMER_STARTS = [
  'this e-mail and any attachments',
  'this email and any attachments',
  'this message and any attachments',
  'this e-mail is confidential',
  'this email is confidential',
  'this message is confidential',
  'confidentiality notice',
  'disclaimer:',
  'the information contained in this',
  'the information in this e-mail',
  'the information in this email',
  'denne e-mail er fortrolig',
  'denne mail er fortrolig',
  'denne e-mail og eventuelle',
  'denne mail og eventuelle',
  'denne e-mail kan indeholde',
  'denne mail kan indeholde',
  'denne besked kan indeholde',
  'ansvarsfraskrivelse:',
  'fortrolighed:',
];

function head(line: string): string {
  return (line.length > HEAD ? line.slice(0, HEAD) : line).trim().toLowerCase();
}

function isReplyHeader(h: string, nextHead: string): boolean {
  if (h.startsWith('on ')) {
    if (h.endsWith('wrote:') || h.includes(' wrote:')) return true;
    return nextHead.endsWith('wrote:') && h.length < HEAD;
  }
  if (h.startsWith('den ')) {
    if (h.includes(' skrev') && h.endsWith(':')) return true;
    return nextHead.includes('skrev') && nextHead.endsWith(':') && h.length < HEAD;
  }
  if (/^\S.{0,80} (wrote|skrev):$/.test(h)) return true; // "Mette <m@acme.dk> skrev:"
  return false;
}

function isOutlookBlock(lines: readonly string[], i: number, h: string): boolean {
  if (OUTLOOK_SEPARATORS.some((s) => h.startsWith(s))) return true;
  if (/^_{10,}$/.test(h)) return true; // Outlook's rule line before the header block
  if (!FROM_LINE.some((s) => h.startsWith(s))) return false;
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) {
    const f = head(lines[k] as string);
    if (HEADER_FOLLOWERS.some((s) => f.startsWith(s))) return true;
  }
  return false;
}

function isDisclaimer(h: string): boolean {
  if (DISCLAIMER_STARTS.some((s) => h.startsWith(s))) return true;
  return (
    (h.includes('confidential') && (h.includes('intended recipient') || h.includes('addressee'))) ||
    (h.includes('fortrolig') && h.includes('modtager'))
  );
}

/** Names, titles, companies and numbers: short, and not sentences. */
function looksLikeSignatureLine(line: string): boolean {
  const t = line.trim();
  return t.length <= MAX_SIGNATURE_LINE_CHARS && !/[.?!]$/.test(t);
}

function signOffKey(h: string): string {
  let end = h.length;
  while (end > 0 && ',.!-–'.includes(h[end - 1] as string)) end--;
  return h.slice(0, end).trim();
}

export function cleanEmailBody(text: string): EmailCleaning {
  const lines = text.split('\n');
  let cut = lines.length;
  let quoted = false;
  let signature = false;
  let disclaimer = false;
  let nextHead = lines.length > 0 ? head(lines[0] as string) : '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const h = nextHead;
    nextHead = i + 1 < lines.length ? head(lines[i + 1] as string) : '';
    if (raw === '-- ' || raw.trimEnd() === '--') {
      signature = true;
      cut = i;
      break;
    }
    if (isReplyHeader(h, nextHead) || isOutlookBlock(lines, i, h)) {
      quoted = true;
      cut = i;
      break;
    }
    if (isDisclaimer(h)) {
      disclaimer = true;
      cut = i;
      break;
    }
  }
  const kept: string[] = [];
  for (let i = 0; i < cut; i++) {
    const line = lines[i] as string;
    if (line.trimStart().startsWith('>')) {
      quoted = true;
      continue;
    }
    kept.push(line);
  }
  // A sign-off near the end: keep the sign-off itself (it is the closing a reviewer checks),
  // drop the name/title/phone block under it.
  for (let i = kept.length - 1, seen = 0; i >= 0 && seen <= MAX_SIGNATURE_LINES; i--) {
    const line = (kept[i] as string).trim();
    if (line === '') continue;
    if (SIGN_OFFS.has(signOffKey(line.toLowerCase()))) {
      if (i < kept.length - 1) {
        const block = kept.slice(i + 1);
        const firstContent = kept.findIndex((l) => l.trim() !== '');
        if (i > firstContent && block.every(looksLikeSignatureLine)) {
          kept.length = i + 1;
          signature = true;
        }
      }
      break;
    }
    seen++;
  }
  return { text: kept.join('\n'), quoted, signature, disclaimer };
}
