import { describe, expect, it } from 'vitest';
import { outcomeBox } from './outcome-box.js';

const text = (s: { toString(): string }) =>
  s
    .toString()
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('outcomeBox', () => {
  it("shows the customer's outcome with its evidence, labelled as no fault of the agent", () => {
    const out = outcomeBox({
      about: 'customer',
      score: 75,
      summary: 'Good for the customer (75): the customer said it was solved.',
      signals: [
        { name: 'outcome.sentiment_trajectory', value: 0, impact: 0 },
        {
          name: 'outcome.resolved',
          value: 1,
          impact: 15,
          evidence: [
            { messageIndex: 2, start: 0, end: 11, text: 'That <b>worked', rule: 'outcome.resolved:x' },
          ],
        },
      ],
    });
    expect(text(out)).toBe(
      "Customer's outcome 75 How the conversation ended for the customer. Not an agent fault: it raises no flags. " +
        'Good for the customer (75): the customer said it was solved. outcome.resolved +15 message 3 : “That &lt;b&gt;worked”',
    );
    expect(out.toString()).toContain('href="#m2"');
  });

  it('says when the evidence was not kept, and when an older engine measured no outcome', () => {
    expect(text(outcomeBox({ about: 'customer', score: 40, summary: 'Mixed.' }))).toContain(
      'Evidence is kept only with the transcript.',
    );
    expect(text(outcomeBox(undefined))).toBe(
      "Customer's outcome Not measured: scored by an engine before 2.0.",
    );
  });
});
