import type { z } from 'zod';
import { ConfigError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once, at startup, against a service's config schema. Every problem is
 * reported at once, one line per variable, so an operator fixes them in one go.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Env, service: string): z.output<S> {
  // Empty strings mean "unset" for every variable: shells and compose files produce them.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const given = issue.path.length > 0 ? cleaned[String(issue.path[0])] : undefined;
    return `${name}: ${issue.message}${given === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(
    'CONFIG_INVALID',
    `${service} cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}\nSet or fix these environment variables and start again.`,
    problems,
  );
}
