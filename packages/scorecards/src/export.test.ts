import type { Scorecard } from '@rapport/schemas';
import { describe, expect, it } from 'vitest';
import { emptyScores } from './card.js';
import { CSV_COLUMNS, scorecardsCsv, scorecardsJson } from './export.js';
import { summarizeAgents } from './period.js';

const card = (agentId: string, agentName: string, n: number, scores: number[]): Scorecard => ({
  schemaVersion: 1,
  tenantId: 'acme',
  agentId,
  agentName,
  teamId: 'billing',
  day: '2026-03-02',
  interactions: n,
  controlSample: 1,
  scores: {
    ...emptyScores(),
    overall: {
      n: scores.length,
      sum: scores.reduce((a, b) => a + b, 0),
      sumSq: scores.reduce((a, b) => a + b * b, 0),
    },
  },
  flags: {
    total: 2,
    flaggedInteractions: 1,
    bySeverity: { low: 0, medium: 1, high: 1, critical: 0 },
    byCode: [{ code: 'tone.condescension', count: 2 }],
  },
  reviews: { reviewed: 1, confirmed: 1, dismissed: 1 },
  updatedAt: '2026-03-03T00:00:00.000Z',
});

const period = { from: '2026-03-01', to: '2026-03-07', minInteractions: 3 };

describe('exports', () => {
  const summaries = summarizeAgents(
    [card('ag-1', 'Sam, "the rock"', 3, [70, 80, 90]), card('ag-2', '=cmd', 1, [50])],
    period,
  );

  it('writes one CSV row per agent under a fixed header, rounded, empty where unknown', () => {
    const lines = scorecardsCsv(summaries).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4); // header, two agents, and the empty string after the last CRLF
    const row = (line: string) =>
      Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[i]]));
    const first = row(lines[1]!);
    expect(first).toMatchObject({
      agent_id: 'ag-1',
      agent_name: '"Sam, ""the rock"""',
      interactions: '3',
      insufficient: 'false',
      rank: '1',
      overall_mean: '80',
      overall_ci_low: '55.16', // 80 - 4.3027 * 10 / sqrt(3)
      overall_ci_high: '100',
      overall_n: '3',
      tone_mean: '',
      tone_n: '0',
      flags_total: '2',
      flagged_rate: '0.3333',
      confirmed: '1',
      dismissed: '1',
      control_sample: '1',
    });
    const second = row(lines[2]!);
    expect(second).toMatchObject({ agent_name: "'=cmd", insufficient: 'true', rank: '', overall_ci_low: '' });
  });

  it('writes a JSON document with the period, the settings and the summaries', () => {
    const doc = JSON.parse(
      scorecardsJson(summaries, { ...period, confidence: 0.95, generatedAt: '2026-03-08T10:00:00.000Z' }),
    ) as {
      schema: string;
      minInteractions: number;
      agents: { agentId: string; rank: number | null; insufficient: boolean }[];
    };
    expect(doc.schema).toBe('rapport.scorecard-export.v1');
    expect(doc.minInteractions).toBe(3);
    expect(doc.agents.map((a) => [a.agentId, a.rank, a.insufficient])).toEqual([
      ['ag-1', 1, false],
      ['ag-2', null, true],
    ]);
  });
});

describe('exports: the customer outcome and engine versions', () => {
  const summaries = summarizeAgents(
    [
      {
        ...card('ag-1', 'Sam', 3, [70, 80, 90]),
        outcome: { n: 2, sum: 100, sumSq: 5200 },
        engineVersions: [
          { version: '1.0.0', interactions: 1 },
          { version: '2.0.0', interactions: 2 },
        ],
      },
      { ...card('ag-2', 'Mia', 1, [50]), engineVersions: [{ version: '2.0.0', interactions: 1 }] },
    ],
    period,
  );

  it('puts the outcome after the agent dimensions and names the engine versions of each row', () => {
    const header = CSV_COLUMNS.join(',');
    expect(header.indexOf('customer_outcome_mean')).toBeGreaterThan(header.indexOf('overall_n'));
    const [, first, second] = scorecardsCsv(summaries).split('\r\n');
    const row = (line: string) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, line.split(',')[i]]));
    expect(row(first!)).toMatchObject({
      customer_outcome_mean: '50',
      customer_outcome_n: '2',
      engine_versions: '1.0.0:1 2.0.0:2',
    });
    expect(row(second!)).toMatchObject({
      customer_outcome_mean: '',
      customer_outcome_n: '0',
      engine_versions: '2.0.0:1',
    });
  });

  it('lists every engine version of the period in the JSON document', () => {
    const doc = JSON.parse(
      scorecardsJson(summaries, { ...period, confidence: 0.95, generatedAt: '2026-03-08T10:00:00.000Z' }),
    ) as { engineVersions: unknown };
    expect(doc.engineVersions).toEqual([
      { version: '1.0.0', interactions: 1 },
      { version: '2.0.0', interactions: 3 },
    ]);
  });
});
