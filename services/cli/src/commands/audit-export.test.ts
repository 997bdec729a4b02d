import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, csvRows } from './audit-export.js';

describe('the audit export CSV', () => {
  // Regression: ids, assignee and actor were written as-is, so "=HYPERLINK(...)" in an actor id
  // ran as a formula when an auditor opened the export in a spreadsheet.
  it('defuses every field a spreadsheet would run as a formula, and nothing else', () => {
    const row = {
      tenantId: 'acme',
      seq: -3,
      at: '2026-01-05T10:00:00.000Z',
      actorId: '=HYPERLINK("http://evil.example","open")',
      actorRole: '+manager',
      actorVia: '@cli',
      action: '-1+1',
      targetType: '\tinteraction',
      targetId: '\rint-1',
      before: '{"status":"open"}',
      after: 'null',
      prevHash: 'abc',
      hash: 'def',
    };
    const [header, line] = csvRows([row], AUDIT_COLUMNS, true).trimEnd().split('\n');
    expect(header).toBe(AUDIT_COLUMNS.join(','));
    expect(line).toBe(
      [
        'acme',
        '-3',
        '2026-01-05T10:00:00.000Z',
        `"'=HYPERLINK(""http://evil.example"",""open"")"`,
        "'+manager",
        "'@cli",
        "'-1+1",
        "'\tinteraction",
        `"'\rint-1"`,
        '"{""status"":""open""}"',
        'null',
        'abc',
        'def',
      ].join(','),
    );
  });
});
