/** A detected politeness strategy; `start`/`end` are UTF-16 offsets into the scored text. */
export interface PolitenessStrategy {
  name: string;
  start: number;
  end: number;
  text: string;
}

export interface PolitenessResult {
  /** 0..1, probability the text is polite (model output; for Danish a heuristic rule-based estimate). */
  probability: number;
  /** Detected strategies with spans, for evidence. */
  strategies: PolitenessStrategy[];
}
