import { Policy, toValidationIssues, type PolicyInput, type ValidationIssue } from '@rapport/schemas';
import { parse as parseYaml } from 'yaml';
import { ScoringError } from '../errors.js';
import { isKnownFlagCode } from '../flags/catalog.js';

function fail(issues: ValidationIssue[], source: string): never {
  const first = issues[0];
  const where = first ? `${first.path || '(root)'}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ScoringError(
    'POLICY_INVALID',
    `invalid policy${source ? ` in ${source}` : ''}: ${where}${more}`,
    issues,
  );
}

/** Checks the zod schema cannot: rule codes and required-phrase flags must exist in the catalog. */
function semanticIssues(policy: Policy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const code of Object.keys(policy.rules)) {
    if (!isKnownFlagCode(code))
      issues.push({ path: `rules.${code}`, message: `unknown flag code "${code}"`, code: 'custom' });
  }
  policy.phrases.required.forEach((r, i) => {
    if (!isKnownFlagCode(r.flag))
      issues.push({
        path: `phrases.required.${i}.flag`,
        message: `unknown flag code "${r.flag}"`,
        code: 'custom',
      });
    if (r.where === 'agent_within_seconds' && r.withinSec === undefined)
      issues.push({
        path: `phrases.required.${i}.withinSec`,
        message: 'required when where is "agent_within_seconds"',
        code: 'custom',
      });
  });
  const t = policy.thresholds.responsiveness;
  if (t.talkRatioMin >= t.talkRatioMax)
    issues.push({
      path: 'thresholds.responsiveness.talkRatioMin',
      message: 'must be below talkRatioMax',
      code: 'custom',
    });
  return issues;
}

/** Validates a policy object; throws ScoringError POLICY_INVALID naming the first bad field. */
export function parsePolicy(input: unknown, source = ''): Policy {
  const r = Policy.safeParse(input);
  if (!r.success) fail(toValidationIssues(r.error), source);
  const issues = semanticIssues(r.data);
  if (issues.length > 0) fail(issues, source);
  return r.data;
}

/** Parses policy text, JSON or YAML (JSON is valid YAML, so one parser would do; JSON first for speed). */
export function loadPolicy(text: string, source = ''): Policy {
  let data: unknown;
  try {
    data = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ScoringError(
      'POLICY_INVALID',
      `policy${source ? ` in ${source}` : ''} is neither valid JSON nor YAML: ${e instanceof Error ? e.message : String(e)}`,
      [],
      { cause: e },
    );
  }
  return parsePolicy(data, source);
}

export type { PolicyInput };
