import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textReference, withoutReviewText } from './review-audit.js';

const sha = (t: string) => `sha256:${createHash('sha256').update(t, 'utf8').digest('hex')}`;

describe('review texts in audit entries', () => {
  it('references a text by the SHA-256 of its UTF-8 bytes and its length', () => {
    expect(textReference('Kære kunde')).toEqual({ ref: sha('Kære kunde'), length: 10 });
    expect(textReference('Kære kunde').ref).toBe(
      'sha256:' + createHash('sha256').update(Buffer.from('Kære kunde', 'utf8')).digest('hex'),
    );
  });

  it('replaces every free text of a review or a change record, and nothing else', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const change = {
      version: 4,
      status: 'resolved',
      flagDecisions: [
        { code: 'tone.rudeness', decision: 'confirmed', by: 'm', at, note: 'quoted "go away"' },
        { code: 'tone.blame', decision: 'dismissed', by: 'm', at },
      ],
      notesAdded: [{ by: 'm', at, text: 'called Ms Jensen' }],
      commentsAdded: [{ by: 'n', at, text: 'ok' }],
      notes: [{ by: 'm', at, text: 'older note' }],
      comments: [],
      coaching: { by: 'm', at, text: 'do not say that' },
      escalation: null,
      agentResponse: { kind: 'disputed', note: 'she started it', at },
      ruling: { outcome: 'upheld', note: '', by: 'm', at },
      controlVerdict: { verdict: 'missed', by: 'm', at },
    };
    expect(withoutReviewText(change)).toEqual({
      ...change,
      flagDecisions: [
        { ...change.flagDecisions[0], note: { ref: sha('quoted "go away"'), length: 16 } },
        change.flagDecisions[1],
      ],
      notesAdded: [{ by: 'm', at, text: { ref: sha('called Ms Jensen'), length: 16 } }],
      commentsAdded: [{ by: 'n', at, text: { ref: sha('ok'), length: 2 } }],
      notes: [{ by: 'm', at, text: { ref: sha('older note'), length: 10 } }],
      coaching: { by: 'm', at, text: { ref: sha('do not say that'), length: 15 } },
      agentResponse: { kind: 'disputed', note: { ref: sha('she started it'), length: 14 }, at },
      ruling: { outcome: 'upheld', note: { ref: sha(''), length: 0 }, by: 'm', at },
    });
    expect(withoutReviewText(null)).toBeNull();
    // Fields a change did not touch stay absent.
    expect(withoutReviewText({ status: 'open', version: 2 })).toEqual({ status: 'open', version: 2 });
  });
});
