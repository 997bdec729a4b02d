import { formatIssues, InteractionEvent, toValidationIssues } from '@rapport/schemas';
import { listEventFiles, readEvents } from './events-source.js';

export interface ValidateSummary {
  valid: number;
  invalid: { origin: string; problem: string }[];
}

/** Checks events against the InteractionEvent v1 contract without publishing anything. */
export async function validate(paths: readonly string[]): Promise<ValidateSummary> {
  const summary: ValidateSummary = { valid: 0, invalid: [] };
  for await (const event of readEvents(paths.flatMap(listEventFiles))) {
    let json: unknown;
    try {
      json = JSON.parse(event.value);
    } catch (err) {
      summary.invalid.push({ origin: event.origin, problem: `not JSON: ${(err as Error).message}` });
      continue;
    }
    const result = InteractionEvent.safeParse(json);
    if (result.success) summary.valid++;
    else
      summary.invalid.push({ origin: event.origin, problem: formatIssues(toValidationIssues(result.error)) });
  }
  return summary;
}
