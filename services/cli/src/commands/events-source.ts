import { createReadStream, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { deadLetterKeys, deadLetterUnwrapper } from './dead-letters.js';

export interface RawEvent {
  /** Where it came from, for messages: "file.jsonl:12". */
  origin: string;
  /** The bytes to publish, exactly as read (invalid ones are published too: the DLQ is part of the demo). */
  value: string;
  key: string | null;
}

/** Lists the .json and .jsonl files of a path (a file, or a directory read recursively, sorted). */
export function listEventFiles(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new Error(`no such file or directory: ${path}`);
  if (st.isFile()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(jsonl|json)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

function keyOf(value: string): string | null {
  try {
    const parsed = JSON.parse(value) as { interactionId?: unknown };
    return typeof parsed.interactionId === 'string' ? parsed.interactionId : null;
  } catch {
    return null;
  }
}

/**
 * Reads events: a .jsonl file holds one event per line; a .json file holds one event, or a golden
 * fixture whose `event` field is the event. Streams, so a large replay file is never held whole.
 * A dead letter (from a dump of the dead-letter topic) stands for its payload (dead-letters.ts).
 */
export async function* readEvents(
  files: readonly string[],
  unwrap = deadLetterUnwrapper(() => deadLetterKeys(process.env)),
): AsyncGenerator<RawEvent> {
  for (const file of files) {
    if (file.endsWith('.jsonl')) {
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        yield unwrap({ origin: `${file}:${n}`, value: line, key: keyOf(line) });
      }
    } else {
      const text = await readFile(file, 'utf8');
      let value = text;
      try {
        const parsed = JSON.parse(text) as { event?: unknown };
        if (parsed && typeof parsed === 'object' && 'event' in parsed) value = JSON.stringify(parsed.event);
      } catch {
        /* published as is: it will be dead-lettered as invalid JSON */
      }
      yield unwrap({ origin: file, value, key: keyOf(value) });
    }
  }
}

/** Counts the events of the files, for the progress bar's total. */
export async function countEvents(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    if (!file.endsWith('.jsonl')) {
      total++;
      continue;
    }
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') total++;
  }
  return total;
}
