import type { AuditEntry, ReviewState } from '@rapport/schemas';
import type { ControlSampleSummary, Principal, QueueItem, RulePrecision } from '@rapport/review';
import type { InteractionViewOut, QueueItemOut } from '../routes/views.js';
import { html, type SafeHtml } from './html.js';
import { highlightText, type Highlight } from './highlight.js';
import { outcomeBox } from './outcome-box.js';

export interface PageContext {
  principal: Principal | null;
  csrfToken?: string;
  title: string;
}

const ROLE_LABEL = { admin: 'Admin', manager: 'Manager', auditor: 'Auditor', agent: 'Agent' } as const;

export function layout(ctx: PageContext, body: SafeHtml): SafeHtml {
  const p = ctx.principal;
  const nav = p
    ? html`<nav>
        <a href="/queue">${p.role === 'agent' ? 'My feedback' : 'Queue'}</a>
        ${
          p.role === 'agent'
            ? html`<a href="/scorecards/agents/${encodeURIComponent(p.agentId ?? '')}">My scorecard</a>`
            : html`<a href="/scorecards">Scorecards</a> <a href="/insights">Insights</a>
                <a href="/staffing">Staffing</a> <a href="/training">Training</a>`
        }
        ${p.role !== 'agent' ? html`<a href="/rules">Rule precision</a>` : ''}
        ${p.role === 'admin' || p.role === 'auditor' ? html`<a href="/audit">Audit log</a>` : ''}
        <span class="who">${p.displayName} · ${ROLE_LABEL[p.role]} · ${p.tenantId}</span>
        <form method="post" action="/logout" class="inline">
          <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}" />
          <button type="submit" class="link">Sign out</button>
        </form>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${ctx.title} · Rapport</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <header><a class="brand" href="/queue">Rapport</a>${nav}</header>
        <main>${body}</main>
        <footer>
          Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>Enter</kbd> open · <kbd>c</kbd> confirm ·
          <kbd>d</kbd> dismiss · <kbd>?</kbd> help
        </footer>
      </body>
    </html>`;
}

/** The sign-in form: `csrfToken` is the pre-session token, `next` where to go afterwards. */
export function loginPage(form: { csrfToken: string; next: string }, message?: string): SafeHtml {
  return layout(
    { principal: null, title: 'Sign in' },
    html`<section class="login">
      <h1>Sign in</h1>
      ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value="${form.csrfToken}" />
        <input type="hidden" name="next" value="${form.next}" />
        <label>User name <input name="username" autocomplete="username" required autofocus /></label>
        <label
          >Password <input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}

export function renderErrorPage(status: number, message: string, principal: Principal | null): SafeHtml {
  return layout(
    { principal, title: `Error ${status}` },
    html`<section>
      <h1>${status === 404 ? 'Not found' : 'Something is wrong'}</h1>
      <p class="error">${message}</p>
      <p><a href="/queue">Back to the queue</a></p>
    </section>`,
  );
}

const severityBadge = (s: string | null) =>
  s ? html`<span class="badge sev-${s}">${s}</span>` : html`<span class="badge">none</span>`;
const statusBadge = (s: string) => html`<span class="badge st-${s}">${s}</span>`;

export interface QueueFacets {
  teams: string[];
  agents: { id: string; name?: string }[];
  flagCodes: string[];
  languages: string[];
}

function select(
  name: string,
  label: string,
  current: string | undefined,
  options: readonly (string | [string, string])[],
): SafeHtml {
  return html`<label
    >${label}
    <select name="${name}">
      <option value="">any</option>
      ${options.map((o) => {
        const [value, text] = typeof o === 'string' ? [o, o] : o;
        return html`<option value="${value}" ${value === current ? html`selected` : ''}>${text}</option>`;
      })}
    </select></label
  >`;
}

export function queuePage(
  ctx: PageContext,
  query: Record<string, string | undefined>,
  page: { items: QueueItemOut[]; total: number; nextCursor?: string },
  facets: QueueFacets,
  queryString: string,
): SafeHtml {
  const q = (k: string) => query[k];
  const agentView = ctx.principal?.role === 'agent';
  const filters = agentView
    ? ''
    : html`<form method="get" action="/queue" class="filters" id="filters">
        ${select('status', 'Status', q('status'), [['open,escalated,disputed', 'needs attention'], 'open', 'escalated', 'disputed', 'resolved'])}
        ${select('severity', 'Severity', q('severity'), ['critical', 'high', 'medium', 'low', ['high,critical', 'high or critical']])}
        ${select('dimension', 'Dimension', q('dimension'), ['politeness', 'tone', 'accuracy', 'clarity', 'responsiveness', 'compliance'])}
        ${select('flagCode', 'Flag', q('flagCode'), facets.flagCodes)}
        ${select('channel', 'Channel', q('channel'), ['email', 'chat', 'call'])}
        ${select('team', 'Team', q('team'), facets.teams)}
        ${select(
          'agent',
          'Agent',
          q('agent'),
          facets.agents.map((a) => [a.id, a.name ? `${a.name} (${a.id})` : a.id] as [string, string]),
        )}
        ${select('language', 'Language', q('language'), facets.languages)}
        ${select('control', 'Sample', q('control'), [
          ['false', 'flagged'],
          ['true', 'control sample'],
        ])}
        ${select('assignee', 'Assignee', q('assignee'), [
          ['me', 'me'],
          ['none', 'unassigned'],
        ])}
        <label>From <input type="date" name="from" value="${q('from') ?? ''}" /></label>
        <label>To <input type="date" name="to" value="${q('to') ?? ''}" /></label>
        ${select('sort', 'Sort', q('sort') ?? 'severity', [
          ['severity', 'most severe'],
          ['newest', 'newest'],
          ['oldest', 'oldest'],
        ])}
        <button type="submit">Filter</button> <a href="/queue">reset</a>
      </form>`;
  const rows = page.items.map(
    (i) =>
      html`<tr
        data-href="/interactions/${encodeURIComponent(i.interactionId)}?q=${encodeURIComponent(queryString)}"
      >
        <td>
          ${severityBadge(i.maxSeverity)}${i.control ? html` <span class="badge control">control</span>` : ''}
        </td>
        <td>
          <a href="/interactions/${encodeURIComponent(i.interactionId)}?q=${encodeURIComponent(queryString)}"
            >${i.interactionId}</a
          >
        </td>
        <td>${i.channel}</td>
        <td>${i.agent.name ?? i.agent.id}<br /><small>${i.agent.teamId}</small></td>
        <td>${i.flagCodes.map((c) => html`<code class="${i.decisions[c] ?? ''}">${c}</code> `)}</td>
        <td>${statusBadge(i.status)}${i.agentResponse ? html` <small>${i.agentResponse}</small>` : ''}</td>
        <td>${i.assignee ?? ''}</td>
        <td>${i.language}</td>
        <td><time datetime="${i.occurredAt}">${i.occurredAt.slice(0, 16).replace('T', ' ')}</time></td>
        <td><small>${i.engineVersion ?? '–'}</small></td>
      </tr>`,
  );
  return layout(
    ctx,
    html`<h1>${agentView ? 'My feedback' : 'Review queue'} <small>${page.total} matching</small></h1>
      ${filters}
      <table class="queue" id="queue">
        <thead>
          <tr>
            <th>Severity</th>
            <th>Interaction</th>
            <th>Channel</th>
            <th>Agent</th>
            <th>Flags</th>
            <th>Status</th>
            <th>Assignee</th>
            <th>Lang</th>
            <th>Occurred (UTC)</th>
            <th title="Scores from different engine versions do not compare">Engine</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length
              ? rows
              : html`<tr>
                  <td colspan="10" class="empty">Nothing matches these filters.</td>
                </tr>`
          }
        </tbody>
      </table>
      ${page.nextCursor ? html`<p><a rel="next-page" href="/queue?${queryString ? `${queryString}&` : ''}cursor=${encodeURIComponent(page.nextCursor)}">Next page →</a></p>` : ''}`,
  );
}

function actionForm(
  ctx: PageContext,
  id: string,
  q: string,
  fields: SafeHtml,
  button: string,
  key?: string,
  cls = '',
): SafeHtml {
  return html`<form
    method="post"
    action="/interactions/${encodeURIComponent(id)}/actions"
    class="action ${cls}"
    ${key ? html`data-key="${key}"` : ''}
  >
    <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}" />
    <input type="hidden" name="q" value="${q}" />
    ${fields}
    <button type="submit">${button}</button>
  </form>`;
}

export function interactionPage(
  ctx: PageContext,
  view: InteractionViewOut,
  nav: { previous?: QueueItem; next?: QueueItem; q: string },
  history: AuditEntry[] | null,
  notice?: string,
): SafeHtml {
  const i = view.interaction;
  const r: ReviewState | null = view.review;
  const p = ctx.principal!;
  const manager = p.role === 'admin' || p.role === 'manager';
  const highlights = new Map<number, Highlight[]>();
  for (const f of i.flags)
    for (const e of f.evidence) {
      const list = highlights.get(e.messageIndex) ?? [];
      list.push({ start: e.start, end: e.end, rule: e.rule, code: f.code, severity: f.severity });
      highlights.set(e.messageIndex, list);
    }
  const transcript = i.transcript
    ? html`<ol class="transcript">
        ${i.transcript.map(
          (m) =>
            html`<li class="msg role-${m.role}" id="m${m.index}">
              <div class="meta">
                ${m.role}${m.at ? html` · <time datetime="${m.at}">${m.at.slice(0, 16).replace('T', ' ')}</time>` : ''}${m.startSec !== undefined ? html` · ${m.startSec.toFixed(0)}s` : ''}${m.subject ? html` · <em>${m.subject}</em>` : ''}
              </div>
              <div class="text">${highlightText(m.text, highlights.get(m.index) ?? [])}</div>
            </li>`,
        )}
      </ol>`
    : html`<p class="muted">
        The transcript was not kept (unflagged interaction; data minimisation). Scores and flags remain.
      </p>`;
  const undecided = i.flags.filter((f) => f.decision === null);
  const flags = i.flags.map(
    (f) =>
      html`<li class="flag">
        <div>
          ${severityBadge(f.severity)}
          <code>${f.code}</code>
          ${f.decision ? html`<span class="badge ${f.decision}">${f.decision}</span>` : ''}
        </div>
        <p>${f.explanation}</p>
        <p class="muted">${f.message}</p>
        <ul class="evidence">
          ${f.evidence.map((e) => html`<li><a href="#m${e.messageIndex}">message ${e.messageIndex + 1}</a>: “${e.text}” <small>${e.rule}</small></li>`)}
        </ul>
        ${
          manager && !r?.ruling
            ? html`<div class="decide">
                ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="confirm_flag" /><input type="hidden" name="code" value="${f.code}" />`, 'Confirm', f === undecided[0] ? 'c' : undefined)}
                ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="dismiss_flag" /><input type="hidden" name="code" value="${f.code}" />`, 'Dismiss (false positive)', f === undecided[0] ? 'd' : undefined, 'secondary')}
              </div>`
            : ''
        }
      </li>`,
  );
  const scores = Object.entries(i.scores).map(
    ([d, v]) =>
      html`<tr>
        <th>${d}</th>
        <td>${v === null ? '–' : v.toFixed(0)}</td>
        <td><meter min="0" max="100" value="${v ?? 0}"></meter></td>
      </tr>`,
  );
  const managerForms = manager
    ? html`<section class="forms">
        <h3>Decide</h3>
        ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="coach" /><textarea name="note" required maxlength="4000" placeholder="Coaching note for the agent"></textarea>`, 'Coach')}
        ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="escalate" /><textarea name="note" required maxlength="4000" placeholder="Why escalate?"></textarea>`, 'Escalate', undefined, 'secondary')}
        ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="note" /><textarea name="text" required maxlength="4000" placeholder="Internal note"></textarea>`, 'Add note', undefined, 'secondary')}
        ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="comment" /><textarea name="text" required maxlength="4000" placeholder="Comment"></textarea>`, 'Comment', undefined, 'secondary')}
        ${
          r?.assignee === p.id
            ? actionForm(
                ctx,
                i.interactionId,
                nav.q,
                html`<input type="hidden" name="action" value="unassign" />`,
                'Unassign me',
                undefined,
                'secondary',
              )
            : actionForm(
                ctx,
                i.interactionId,
                nav.q,
                html`<input type="hidden" name="action" value="assign" /><input
                    type="hidden"
                    name="assignee"
                    value="${p.id}"
                  />`,
                'Assign to me',
                undefined,
                'secondary',
              )
        }
        ${r?.status === 'resolved' ? actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="reopen" />`, 'Reopen', undefined, 'secondary') : r?.status !== 'disputed' ? actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="resolve" />`, 'Resolve', undefined, 'secondary') : ''}
        ${
          r?.status === 'disputed'
            ? html`<h3>Rule on the dispute (final)</h3>
                ${actionForm(
                  ctx,
                  i.interactionId,
                  nav.q,
                  html`<input type="hidden" name="action" value="rule" /><select name="outcome">
                      <option value="upheld">uphold the decision</option>
                      <option value="overturned">overturn (flags become dismissed)</option></select
                    ><textarea name="note" required maxlength="4000" placeholder="Reason"></textarea>`,
                  'Rule',
                )}`
            : ''
        }
        ${
          view.interaction.control
            ? html`<h3>Control sample</h3>
                ${actionForm(
                  ctx,
                  i.interactionId,
                  nav.q,
                  html`<input type="hidden" name="action" value="control_verdict" /><select name="verdict">
                      <option value="clean">clean: nothing missed</option>
                      <option value="missed">missed: the rules should have flagged it</option></select
                    ><textarea name="note" maxlength="4000" placeholder="What was missed?"></textarea>`,
                  'Record verdict',
                )}`
            : ''
        }
      </section>`
    : '';
  const agentForms =
    p.role === 'agent' && r && !r.ruling && r.agentResponse?.kind !== 'disputed'
      ? html`<section class="forms">
          <h3>Your response</h3>
          ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="acknowledge" /><textarea name="note" maxlength="4000" placeholder="Optional note"></textarea>`, 'Acknowledge')}
          ${actionForm(ctx, i.interactionId, nav.q, html`<input type="hidden" name="action" value="dispute" /><textarea name="note" required maxlength="4000" placeholder="Why do you disagree?"></textarea>`, 'Dispute', undefined, 'secondary')}
        </section>`
      : '';
  const reviewBox = r
    ? html`<section class="review">
        <h3>Review</h3>
        <p>
          ${statusBadge(r.status)} ${r.assignee ? html`assigned to ${r.assignee}` : 'unassigned'} · version
          ${r.version}
        </p>
        ${r.coaching ? html`<p><strong>Coaching</strong> (${r.coaching.by}): ${r.coaching.text}</p>` : ''}
        ${r.escalation ? html`<p><strong>Escalated</strong> (${r.escalation.by}): ${r.escalation.text}</p>` : ''}
        ${r.agentResponse ? html`<p><strong>Agent ${r.agentResponse.kind}</strong>: ${r.agentResponse.note}</p>` : ''}
        ${r.ruling ? html`<p><strong>Ruling: ${r.ruling.outcome}</strong> (${r.ruling.by}): ${r.ruling.note}</p>` : ''}
        ${r.controlVerdict ? html`<p><strong>Control verdict: ${r.controlVerdict.verdict}</strong> (${r.controlVerdict.by})</p>` : ''}
        ${
          r.notes.length
            ? html`<h4>Notes</h4>
                <ul>
                  ${r.notes.map((n) => html`<li><strong>${n.by}</strong> ${n.text}</li>`)}
                </ul>`
            : ''
        }
        ${
          r.comments.length
            ? html`<h4>Comments</h4>
                <ul>
                  ${r.comments.map((n) => html`<li><strong>${n.by}</strong> ${n.text}</li>`)}
                </ul>`
            : ''
        }
      </section>`
    : '';
  const historyBox = history
    ? html`<section class="history">
        <h3>Audit trail</h3>
        <ol class="audit">
          ${history.map(
            (e) =>
              html`<li>
                <code>#${e.seq}</code> <time datetime="${e.at}">${e.at.slice(0, 19).replace('T', ' ')}</time>
                <strong>${e.actor.id}</strong> ${e.action}
              </li>`,
          )}
        </ol>
      </section>`
    : '';
  const back = `/queue${nav.q ? `?${nav.q}` : ''}`;
  return layout(
    ctx,
    html`<div class="crumbs">
        <a href="${back}">← Queue</a>
        ${nav.previous ? html`<a rel="prev" href="/interactions/${encodeURIComponent(nav.previous.interactionId)}?q=${encodeURIComponent(nav.q)}">↑ previous (k)</a>` : ''}
        ${nav.next ? html`<a rel="next" href="/interactions/${encodeURIComponent(nav.next.interactionId)}?q=${encodeURIComponent(nav.q)}">↓ next (j)</a>` : ''}
      </div>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      <h1>
        ${i.interactionId} ${severityBadge(i.maxSeverity)}
        ${i.control ? html`<span class="badge control">control sample</span>` : ''}
      </h1>
      <p class="muted">
        ${i.channel} · ${i.agent.name ?? i.agent.id} (${i.agent.teamId}) · customer ${i.customerId} ·
        ${i.language.code}${i.language.supported ? '' : ' (unsupported language: neutral signals only)'} ·
        occurred ${i.occurredAt.slice(0, 16).replace('T', ' ')} UTC · revision ${i.revision} ·
        <span class="engine" title="Scores from different engine versions do not compare"
          >scored by engine ${i.engineVersion}${i.engineVersion.startsWith('1.') ? ' (overall without the customer outcome)' : ''}</span
        >
      </p>
      <div class="conversation">
        <section class="left">
          <h2>Transcript</h2>
          ${transcript}
        </section>
        <aside class="right">
          <h2>Scores</h2>
          <table class="scores">
            ${scores}
            <tr>
              <th>overall</th>
              <td>${i.overall === null ? '–' : i.overall.toFixed(0)}</td>
              <td></td>
            </tr>
          </table>
          ${outcomeBox(i.outcome)}
          <h2>Flags</h2>
          ${
            i.flags.length
              ? html`<ul class="flags">
                  ${flags}
                </ul>`
              : html`<p class="muted">No flags.</p>`
          }
          ${reviewBox} ${managerForms} ${agentForms} ${historyBox}
        </aside>
      </div>`,
  );
}

export function rulesPage(ctx: PageContext, rules: RulePrecision[], control: ControlSampleSummary): SafeHtml {
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)}%`);
  return layout(
    ctx,
    html`<h1>Rule precision</h1>
      <p class="muted">
        Precision = confirmed / (confirmed + dismissed). Low precision: the rule flags too much; tune or
        disable it in the policy.
      </p>
      <table class="rules" id="rules">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Flagged</th>
            <th>Confirmed</th>
            <th>Dismissed</th>
            <th>Precision</th>
          </tr>
        </thead>
        <tbody>
          ${rules.map(
            (r) =>
              html`<tr>
                <td><a href="/queue?flagCode=${encodeURIComponent(r.code)}&status=">${r.code}</a></td>
                <td>${r.flagged}</td>
                <td>${r.confirmed}</td>
                <td>${r.dismissed}</td>
                <td>
                  ${pct(r.precision)}
                  ${r.precision !== null ? html`<meter min="0" max="1" value="${r.precision}"></meter>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Control sample (what the rules miss)</h2>
      <p>
        ${control.items} unflagged interactions sampled into the queue; ${control.reviewed} reviewed;
        ${control.missed} had a problem the rules missed. Estimated miss rate:
        <strong>${pct(control.missRate)}</strong>.
      </p>
      <p><a href="/queue?control=true&status=open">Review the open control sample →</a></p>`,
  );
}

export function auditPage(
  ctx: PageContext,
  entries: AuditEntry[],
  verification: { ok: boolean; checked: number; firstBroken?: { seq: number; message: string } },
): SafeHtml {
  return layout(
    ctx,
    html`<h1>Audit log</h1>
      <p class="${verification.ok ? 'ok' : 'error'}">
        ${verification.ok ? `Hash chain intact: ${verification.checked} entries checked.` : `Hash chain BROKEN at entry #${verification.firstBroken?.seq}: ${verification.firstBroken?.message}`}
      </p>
      <table class="audit" id="audit">
        <thead>
          <tr>
            <th>#</th>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) =>
              html`<tr>
                <td>${e.seq}</td>
                <td>${e.at.slice(0, 19).replace('T', ' ')}</td>
                <td>${e.actor.id} <small>${e.actor.role}</small></td>
                <td>${e.action}</td>
                <td>
                  ${e.target.type === 'interaction' ? html`<a href="/interactions/${encodeURIComponent(e.target.id)}">${e.target.id}</a>` : html`${e.target.type} ${e.target.id}`}
                </td>
                <td><code title="${e.hash}">${e.hash.slice(0, 12)}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}
