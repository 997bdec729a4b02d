/** The topics of the pipeline. Versioned names: a breaking contract change gets a new topic. */
export const TOPICS = {
  interactions: 'rapport.interactions.v1',
  scored: 'rapport.scored.v1',
  deadLetters: 'rapport.interactions.dlq.v1',
  reviews: 'rapport.reviews.v1',
  scorecards: 'rapport.scorecards.v1',
} as const;
