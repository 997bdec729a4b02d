import { PROBLEM_CODES, problem, type Problem } from './problem.js';

/**
 * Records of a vendor export file: one JSON document, a JSON array of them, or JSON Lines (one a
 * line). A line that is not JSON is reported and the others are still read.
 */
export function jsonRecords(
  text: string,
  file: string,
): { records: { value: unknown; record: string }[]; problems: Problem[] } {
  const trimmed = text.trim();
  if (trimmed === '')
    return {
      records: [],
      problems: [problem('error', PROBLEM_CODES.UNREADABLE, file, 'the file', 'the file is empty')],
    };
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole))
      return {
        records: (whole as unknown[]).map((value, i) => ({ value, record: `item ${i + 1}` })),
        problems: [],
      };
    return { records: [{ value: whole, record: 'the document' }], problems: [] };
  } catch {
    // Not one document: JSON Lines.
  }
  const records: { value: unknown; record: string }[] = [];
  const problems: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      records.push({ value, record: `line ${i + 1}` });
    } catch (e) {
      problems.push(
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          `line ${i + 1}`,
          `not JSON: ${(e as Error).message}`,
        ),
      );
    }
  });
  return { records, problems };
}
