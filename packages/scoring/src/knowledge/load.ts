import { toValidationIssues } from '@rapport/schemas';
import { parse as parseYaml } from 'yaml';
import { ScoringError } from '../errors.js';
import { KnowledgeBase } from './schema.js';

/** Validates a knowledge base object; throws ScoringError KB_INVALID naming the first bad field. */
export function parseKnowledgeBase(input: unknown, source = ''): KnowledgeBase {
  const r = KnowledgeBase.safeParse(input);
  if (r.success) return r.data;
  const issues = toValidationIssues(r.error);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ScoringError(
    'KB_INVALID',
    `invalid knowledge base${source ? ` in ${source}` : ''}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}${more}`,
    issues,
  );
}

/** Parses knowledge-base text (JSON or YAML). */
export function loadKnowledgeBase(text: string, source = ''): KnowledgeBase {
  let data: unknown;
  try {
    data = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ScoringError(
      'KB_INVALID',
      `knowledge base${source ? ` in ${source}` : ''} is neither valid JSON nor YAML: ${e instanceof Error ? e.message : String(e)}`,
      [],
      { cause: e },
    );
  }
  return parseKnowledgeBase(data, source);
}
