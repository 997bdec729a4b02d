import type { InteractionViewOut } from '../routes/views.js';
import { html, type SafeHtml } from './html.js';

type OutcomeOut = NonNullable<InteractionViewOut['interaction']['outcome']>;

/** The customer's outcome, set apart from the agent's scores and flags: it is no fault of the agent. */
export function outcomeBox(o: OutcomeOut | undefined): SafeHtml {
  if (o === undefined)
    return html`<section class="outcome" id="outcome">
      <h2>Customer's outcome</h2>
      <p class="muted">Not measured: scored by an engine before 2.0.</p>
    </section>`;
  const signals = (o.signals ?? []).filter(
    (s) => (s.impact ?? 0) !== 0 || s.name === 'outcome.customer_abuse',
  );
  return html`<section class="outcome" id="outcome">
    <h2>Customer's outcome <small>${o.score === null ? '–' : o.score.toFixed(0)}</small></h2>
    <p class="muted">How the conversation ended for the customer. Not an agent fault: it raises no flags.</p>
    <p>${o.summary}</p>
    ${
      signals.length
        ? html`<ul class="evidence">
            ${signals.map(
              (s) =>
                html`<li>
                  <code>${s.name}</code> ${(s.impact ?? 0) > 0 ? '+' : ''}${(s.impact ?? 0).toFixed(0)}
                  ${(s.evidence ?? []).map((e) => html` <a href="#m${e.messageIndex}">message ${e.messageIndex + 1}</a>: “${e.text}”`)}
                </li>`,
            )}
          </ul>`
        : o.signals === undefined
          ? html`<p class="muted">Evidence is kept only with the transcript.</p>`
          : ''
    }
  </section>`;
}
