import { z } from 'zod';

/**
 * The mapping file (`--mapping FILE`, JSON): what the source data cannot say by itself. Every
 * field is optional; the defaults import a plain export without one.
 */
export const IngestMapping = z
  .object({
    /** Team of an agent that `agents` does not name. */
    defaultTeamId: z.string().min(1).default('unassigned'),
    /** Agent to attribute an interaction to when its source names none. */
    fallbackAgentId: z.string().min(1).default('unassigned'),
    /** Source agent (id, e-mail address or speaker name) to Rapport agent id and team. */
    agents: z
      .record(
        z.string(),
        z
          .object({
            id: z.string().min(1),
            teamId: z.string().min(1).optional(),
            name: z.string().optional(),
          })
          .strict(),
      )
      .default({}),
    /** Transcript speaker label or name to role; unnamed speakers are guessed (first speaker = agent). */
    speakers: z.record(z.string(), z.enum(['agent', 'customer'])).default({}),
    /** E-mail: addresses and domains of the help desk's side. */
    agentAddresses: z.array(z.string().min(3)).default([]),
    agentDomains: z.array(z.string().min(1)).default([]),
    /** Generic CSV/JSONL: source column name for each field, when they differ from ours. */
    columns: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type IngestMapping = z.infer<typeof IngestMapping>;

export interface IngestOptions {
  tenantId: string;
  mapping: IngestMapping;
}

export const defaultMapping = (): IngestMapping => IngestMapping.parse({});
