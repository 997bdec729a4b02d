import { describe, expect, it } from 'vitest';
import { safeNext } from './redirect.js';

describe('safeNext', () => {
  it.each([
    '/\t/evil.example',
    '/%09/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\n/evil.example',
    '/%0a/evil.example',
    ' /queue',
    '',
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBe('/queue');
  });

  it('refuses what is not text', () => {
    expect(safeNext(['/audit'])).toBe('/queue');
    expect(safeNext(undefined)).toBe('/queue');
  });

  it('keeps paths on this site with their query', () => {
    expect(safeNext('/interactions/o-1?q=team%3Dorders')).toBe('/interactions/o-1?q=team%3Dorders');
    expect(safeNext('/audit')).toBe('/audit');
    expect(safeNext('/scorecards/agents/ag-7?from=2026-03-01')).toBe(
      '/scorecards/agents/ag-7?from=2026-03-01',
    );
  });
});
