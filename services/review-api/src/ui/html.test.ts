import { describe, expect, it } from 'vitest';
import { html } from './html.js';
import { highlightText } from './highlight.js';

describe('html', () => {
  it('escapes every interpolated value, including attributes and nested lists', () => {
    const evil = `<script>alert("x")</script>' onmouseover='x`;
    const out = html`<p title="${evil}">${evil}${[evil, html`<b>${evil}</b>`]}</p>`.toString();
    expect(out).not.toContain('<script>');
    expect(out).not.toContain(`' onmouseover`);
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x'.repeat(2) +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</b></p>',
    );
  });
});

describe('highlightText', () => {
  it('marks evidence spans, merging overlaps and escaping the text inside and around them', () => {
    const text = 'You <b>idiot</b>, read the manual!';
    const out = highlightText(text, [
      { start: 18, end: 33, rule: 'read-the-manual', code: 'tone.condescension', severity: 'medium' },
      { start: 7, end: 12, rule: 'idiot', code: 'tone.rudeness', severity: 'high' },
      { start: 0, end: 16, rule: 'you-x', code: 'tone.condescension', severity: 'medium' },
    ]).toString();
    expect(out).toBe(
      '<mark class="ev ev-high" data-flags="tone.condescension tone.rudeness" title="tone.condescension (you-x); tone.rudeness (idiot)">' +
        'You &lt;b&gt;idiot&lt;/b&gt;</mark>, ' +
        '<mark class="ev ev-low" data-flags="tone.condescension" title="tone.condescension (read-the-manual)">read the manual</mark>!',
    );
  });

  it('clips spans outside the text instead of trusting them', () => {
    expect(
      highlightText('short', [{ start: 3, end: 99, rule: 'r', code: 'c.x', severity: 'low' }]).toString(),
    ).toBe('sho<mark class="ev ev-low" data-flags="c.x" title="c.x (r)">rt</mark>');
  });
});
