import type { PiiType } from '@rapport/schemas';

/** Where a piece of PII stands in the text it was found in (end exclusive). */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}
