import { describe, expect, it } from 'vitest';
import { cleanEmailBody } from './email.js';
import { decodeEntities, htmlToText } from './html.js';
import { sanitiseText, tidyLines } from './sanitise.js';

describe('htmlToText', () => {
  it('drops scripts, styles and quoted blockquotes, turns blocks into lines and decodes entities', () => {
    const html =
      '<html><head><title>x</title><style>p{color:red}</style></head><body><p>Hej&nbsp;Jens &amp; Co,</p><script>alert(1)</script><div>Pris: 149&#160;kr. &aring;&#x1F600;</div><blockquote>old mail</blockquote><p>Bye</p></body></html>';
    expect(tidyLines(htmlToText(html).split('\n'))).toBe('Hej Jens & Co,\n\nPris: 149 kr. å😀\n\nBye');
  });

  it('survives malformed and deeply nested markup in linear time', () => {
    expect(htmlToText('<p>a < b and <b>bold</p').trim()).toBe('a < b and bold');
    const nested = '<div>'.repeat(50_000) + 'deep' + '</div>'.repeat(50_000);
    const t0 = performance.now();
    expect(htmlToText(nested).trim()).toBe('deep');
    expect(htmlToText('<'.repeat(100_000)).length).toBeGreaterThan(0);
    expect(htmlToText('<script>never closed').trim()).toBe('');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('keeps unknown entities and replaces invalid code points', () => {
    expect(decodeEntities('&bogus; &#xD800; &#65; &amp')).toBe('&bogus; \ufffd A &amp');
    const t0 = performance.now();
    decodeEntities('&'.repeat(200_000) + ';');
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('cleanEmailBody', () => {
  it('cuts an English Gmail quote and keeps the sign-off but not the signature block', () => {
    const r = cleanEmailBody(
      'Hi Jane,\n\nIt is on its way.\n\nBest regards,\nSophie Turner\nAcme Care\n+45 70 20 30 40\n\nOn Mon, 2 Mar 2026, Jane <j@x.dk> wrote:\n> where is it?',
    );
    expect(r).toEqual({
      text: 'Hi Jane,\n\nIt is on its way.\n\nBest regards,',
      quoted: true,
      signature: true,
      disclaimer: false,
    });
  });

  it('cuts a Danish quote header, an Outlook block, "> " lines, "-- " signatures and disclaimers', () => {
    expect(
      cleanEmailBody('Hej\nDet er ordnet.\nDen 2. mar. 2026 kl. 10.02 skrev Jens <j@x.dk>:\n> Hej').text,
    ).toBe('Hej\nDet er ordnet.');
    expect(
      cleanEmailBody('Fixed.\n\nFrom: Robert\nSent: Monday\nTo: Acme\nSubject: Lamp\n\nOld text').text,
    ).toBe('Fixed.\n');
    expect(cleanEmailBody('Fra: Nordlys\nSendt: 16. marts\nTil: Birgitte\n\nLæs manualen').text).toBe('');
    expect(cleanEmailBody('Thanks!\n> quoted\n> more\nNew line').text).toBe('Thanks!\nNew line');
    expect(cleanEmailBody('Done.\n-- \nGrace | Acme\n+45 70 20 30 40').text).toBe('Done.');
    expect(cleanEmailBody('Done.\n\nThis e-mail and any attachments are confidential.').text).toBe('Done.\n');
    expect(cleanEmailBody('Svar.\n\nDenne e-mail kan indeholde fortrolige oplysninger.').text).toBe(
      'Svar.\n',
    );
  });

  it('does not mistake a leading "Thanks" for a sign-off', () => {
    expect(cleanEmailBody('Thanks!\nYour refund is on its way.').text).toBe(
      'Thanks!\nYour refund is on its way.',
    );
  });

  it('is linear on long runs of ">" and "On " lines', () => {
    const t0 = performance.now();
    cleanEmailBody('> '.repeat(100_000));
    cleanEmailBody('On \n'.repeat(50_000));
    cleanEmailBody('>\n'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

describe('sanitiseText', () => {
  it('replaces lone surrogates, drops control characters and normalises line ends', () => {
    expect(sanitiseText('a\ud800b\udc00c\r\nd\re\u0000f\u00a0g😀')).toBe('a\ufffdb\ufffdc\nd\nef g😀');
    expect(sanitiseText('plain')).toBe('plain');
  });
});
