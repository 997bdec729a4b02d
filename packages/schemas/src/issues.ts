import type { z } from 'zod';
import type { ValidationIssue } from './dead-letter.js';

/** Flattens zod issues into stable, readable {path, message, code} triples. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** One line per issue, "path: message", for logs and CLI output. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
}
