import { agentFor, asArray, asNumber, asObject, asString, type Adapted } from './adapter.js';
import { interactionIdOf, pseudonym } from './ids.js';
import type { IngestOptions } from './options.js';
import { PROBLEM_CODES, problem, type Problem } from './problem.js';

/** A line of a transcript before roles are known: who (as the source names them), when, what. */
export interface RawSegment {
  label: string;
  startSec: number;
  endSec: number;
  text: string;
  confidence?: number;
}

export type TranscriptFormat = 'webvtt' | 'srt' | 'transcribe' | 'segments';

export interface CallContext {
  file: string;
  /** Stable id of the call (the file's name unless the transcript names one). */
  callId: string;
  /** When the call started; transcripts count seconds from the start and rarely say when that was. */
  startedAt: string;
}

const SYSTEM = 'call';

// "01:02:03.456", "02:03.456" (WebVTT) or "01:02:03,456" (SRT), to seconds.
function timecode(s: string): number | undefined {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]!.padEnd(3, '0')) / 1000;
}

const CUE_TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;

/** Cue blocks of WebVTT or SRT: timing line, then text lines, blocks separated by blank lines. */
function cues(text: string): { start: number; end: number; lines: string[]; block: number }[] {
  const out: { start: number; end: number; lines: string[]; block: number }[] = [];
  const blocks = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/);
  blocks.forEach((block, i) => {
    const lines = block.split('\n');
    const t = lines.findIndex((l) => CUE_TIMING.test(l));
    if (t < 0) return; // header, NOTE, STYLE, REGION blocks carry no speech
    const m = CUE_TIMING.exec(lines[t]!)!;
    const start = timecode(m[1]!);
    const end = timecode(m[2]!);
    if (start === undefined || end === undefined) return;
    out.push({ start, end, lines: lines.slice(t + 1).filter((l) => l.trim() !== ''), block: i + 1 });
  });
  return out;
}

const stripTags = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();

/** WebVTT with voice spans (`<v Anna>Hello</v>`); a cue without one continues the last speaker. */
export function parseWebVtt(text: string, file: string): { segments: RawSegment[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!/^\uFEFF?WEBVTT/.test(text))
    return {
      segments: [],
      problems: [
        problem('error', PROBLEM_CODES.UNREADABLE, file, 'line 1', 'a WebVTT file starts with "WEBVTT"'),
      ],
    };
  const segments: RawSegment[] = [];
  let last: string | undefined;
  for (const cue of cues(text)) {
    for (const line of cue.lines) {
      const v = /<v(?:\.[^\s>]+)*\s+([^>]+)>/.exec(line);
      const label = v ? v[1]!.trim() : last;
      const said = stripTags(line);
      if (said === '') continue;
      if (!label) {
        problems.push(
          problem(
            'warning',
            PROBLEM_CODES.PART_LEFT_OUT,
            file,
            `cue ${cue.block}`,
            'a line without a <v Name> voice before any named speaker was left out',
          ),
        );
        continue;
      }
      last = label;
      const prev = segments.at(-1);
      // Lines of one cue by the same voice are one utterance.
      if (prev && prev.label === label && prev.startSec === cue.start) prev.text += ` ${said}`;
      else segments.push({ label, startSec: cue.start, endSec: cue.end, text: said });
    }
  }
  return { segments, problems };
}

// "Anna: ...", "AGENT: ...", "[Anna] ...", "Speaker 1: ..." at the start of a subtitle's text.
// A name is at most four words, so an ordinary sentence with a colon is not taken for one.
const SRT_BRACKET = /^\s*\[([^\]]{1,40})\]\s*(.*)$/;
const SRT_COLON = /^\s*([\p{L}][\p{L}\p{N}._'-]*(?: [\p{L}\p{N}._'-]+){0,3}):\s+(.*)$/u;

/** SRT whose subtitles start with the speaker ("Anna: Hello" or "[Anna] Hello"). */
export function parseSrt(text: string, file: string): { segments: RawSegment[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const segments: RawSegment[] = [];
  const all = cues(text);
  if (all.length === 0)
    return {
      segments,
      problems: [
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          'the file',
          'no SRT subtitle (a number, a "00:00:01,000 --> 00:00:02,000" line, text) was found',
        ),
      ],
    };
  let last: string | undefined;
  for (const cue of all) {
    const joined = stripTags(cue.lines.join(' '));
    if (joined === '') continue;
    const m = SRT_BRACKET.exec(joined) ?? SRT_COLON.exec(joined);
    const named = m?.[1]?.trim();
    const label = named ?? last;
    const said = named ? m![2]!.trim() : joined;
    if (!label) {
      problems.push(
        problem(
          'warning',
          PROBLEM_CODES.PART_LEFT_OUT,
          file,
          `subtitle ${cue.block}`,
          'no "Name:" speaker prefix before any named speaker; left out',
        ),
      );
      continue;
    }
    last = label;
    if (said !== '') segments.push({ label, startSec: cue.start, endSec: cue.end, text: said });
  }
  return { segments, problems };
}

/**
 * Amazon Transcribe batch output with speaker diarization: words (`results.items`) grouped into
 * turns by their `speaker_label`, or, where a word has none, by the
 * `results.speaker_labels.segments` item with the same start time.
 */
export function parseTranscribe(
  json: unknown,
  file: string,
): { segments: RawSegment[]; problems: Problem[]; jobName?: string } {
  const root = asObject(json);
  const results = asObject(root?.results);
  const jobName = asString(root?.jobName);
  if (!results)
    return {
      segments: [],
      problems: [
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          'the file',
          'no "results" object: not an Amazon Transcribe output',
        ),
      ],
    };
  const segments: RawSegment[] = [];
  // Words carry their speaker_label; where they do not, the diarization segments list which words are whose.
  const speakerAt = new Map<string, string>();
  for (const seg of asArray(asObject(results.speaker_labels)?.segments) ?? []) {
    for (const it of asArray(asObject(seg)?.items) ?? []) {
      const o = asObject(it);
      const at = asString(o?.start_time);
      const who = asString(o?.speaker_label);
      if (at && who) speakerAt.set(at, who);
    }
  }
  let confSum = 0;
  let confN = 0;
  const close = () => {
    const cur = segments.at(-1);
    if (cur && confN > 0) cur.confidence = Math.round((confSum / confN) * 1000) / 1000;
    confSum = 0;
    confN = 0;
  };
  let unlabelled = 0;
  for (const it of asArray(results.items) ?? []) {
    const item = asObject(it);
    const alt = asObject(asArray(item?.alternatives)?.[0]);
    const content = asString(alt?.content);
    if (!item || !content) continue;
    const cur = segments.at(-1);
    if (asString(item.type) === 'punctuation') {
      if (cur) cur.text += content;
      continue;
    }
    const startRaw = asString(item.start_time);
    const start = asNumber(item.start_time);
    const end = asNumber(item.end_time);
    const label = asString(item.speaker_label) ?? (startRaw ? speakerAt.get(startRaw) : undefined);
    if (start === undefined || end === undefined) continue;
    if (!label) {
      unlabelled++;
      continue;
    }
    if (cur && cur.label === label) {
      cur.text += ` ${content}`;
      cur.endSec = end;
    } else {
      close();
      segments.push({ label, startSec: start, endSec: end, text: content });
    }
    const c = asNumber(alt?.confidence);
    if (c !== undefined) {
      confSum += c;
      confN++;
    }
  }
  close();
  const problems =
    unlabelled > 0
      ? [
          problem(
            'warning',
            PROBLEM_CODES.PART_LEFT_OUT,
            file,
            'results.items',
            `${unlabelled} word(s) without a speaker label left out (was the job run with ShowSpeakerLabels?)`,
          ),
        ]
      : [];
  if (segments.length === 0 && problems.length === 0)
    problems.push(
      problem(
        'error',
        PROBLEM_CODES.UNREADABLE,
        file,
        'results',
        'no words with speaker labels: run the job with speaker diarization (ShowSpeakerLabels)',
      ),
    );
  return { segments, problems, ...(jobName ? { jobName } : {}) };
}

/**
 * Rapport's generic segments JSON, for any other speech-to-text:
 * `{ "callId"?, "startedAt"?, "segments": [{ "speaker", "start", "end", "text", "confidence"? }] }`
 * (or just the array). Times in seconds from the start of the call.
 */
export function parseSegmentsJson(
  json: unknown,
  file: string,
): { segments: RawSegment[]; problems: Problem[]; callId?: string; startedAt?: string } {
  const root = asObject(json);
  const list = asArray(json) ?? asArray(root?.segments);
  const problems: Problem[] = [];
  if (!list)
    return {
      segments: [],
      problems: [
        problem(
          'error',
          PROBLEM_CODES.UNREADABLE,
          file,
          'the file',
          'expected {"segments": [{"speaker", "start", "end", "text"}]} or that array',
        ),
      ],
    };
  const segments: RawSegment[] = [];
  list.forEach((x, i) => {
    const s = asObject(x);
    const label = asString(s?.speaker);
    const start = asNumber(s?.start);
    const end = asNumber(s?.end);
    const text = asString(s?.text)?.trim();
    if (!label || start === undefined || end === undefined || text === undefined) {
      problems.push(
        problem(
          'error',
          PROBLEM_CODES.BAD_RECORD,
          file,
          `segments[${i}]`,
          'a segment needs speaker (text), start and end (seconds) and text',
        ),
      );
      return;
    }
    if (text === '') return;
    const confidence = asNumber(s?.confidence);
    segments.push({
      label,
      startSec: start,
      endSec: end,
      text,
      ...(confidence !== undefined ? { confidence } : {}),
    });
  });
  const callId = asString(root?.callId);
  const startedAt = asString(root?.startedAt);
  return { segments, problems, ...(callId ? { callId } : {}), ...(startedAt ? { startedAt } : {}) };
}

const ANONYMOUS_LABEL = /^(spk_\d+|speaker[ _-]?\d+|s\d+|ch_\d+)$/i;

/**
 * Roles for speakers: the mapping's `speakers` first (by label or name); the rest guessed, the
 * first to speak being the agent (calls to a desk open with its greeting), with a warning, so a
 * guess is never mistaken for knowledge.
 */
export function assignSpeakers(
  segments: readonly RawSegment[],
  options: IngestOptions,
  file: string,
  record: string,
): { roles: Map<string, 'agent' | 'customer'>; problems: Problem[] } {
  const roles = new Map<string, 'agent' | 'customer'>();
  const guessed: string[] = [];
  const ordered = [...segments].sort((a, b) => a.startSec - b.startSec);
  for (const s of ordered) {
    if (roles.has(s.label)) continue;
    const mapped = options.mapping.speakers[s.label];
    if (mapped) {
      roles.set(s.label, mapped);
      continue;
    }
    const role = [...roles.values()].includes('agent') ? 'customer' : 'agent';
    roles.set(s.label, role);
    guessed.push(`${s.label} = ${role}`);
  }
  const problems =
    guessed.length > 0
      ? [
          problem(
            'warning',
            PROBLEM_CODES.SPEAKER_GUESSED,
            file,
            record,
            `speaker roles guessed (first to speak = agent): ${guessed.join(', ')}; name them under "speakers" in the mapping file to be sure`,
          ),
        ]
      : [];
  return { roles, problems };
}

/** Segments with roles to one call event. */
export function callFromSegments(
  raw: { segments: RawSegment[]; problems: Problem[] },
  options: IngestOptions,
  ctx: CallContext,
): Adapted {
  const out: Adapted = { candidates: [], problems: [...raw.problems] };
  const record = `call ${ctx.callId}`;
  if (raw.segments.length === 0) {
    if (!out.problems.some((p) => p.severity === 'error'))
      out.problems.push(
        problem('error', PROBLEM_CODES.NOTHING_TO_SCORE, ctx.file, record, 'the transcript has no speech'),
      );
    return out;
  }
  const { roles, problems } = assignSpeakers(raw.segments, options, ctx.file, record);
  out.problems.push(...problems);
  const segments = [...raw.segments]
    .sort((a, b) => a.startSec - b.startSec)
    .map((s) => ({
      speaker: roles.get(s.label)!,
      startSec: s.startSec,
      endSec: Math.max(s.endSec, s.startSec),
      text: s.text,
      ...(s.confidence !== undefined ? { confidence: s.confidence } : {}),
    }));
  const agentLabel = [...roles].find(([, r]) => r === 'agent')?.[0];
  const named =
    agentLabel !== undefined && (options.mapping.agents[agentLabel] || !ANONYMOUS_LABEL.test(agentLabel));
  if (!named)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.NO_AGENT,
        ctx.file,
        record,
        `the agent's speaker label (${agentLabel ?? 'none'}) names nobody: attributed to the fallback agent; map it under "agents" in the mapping file`,
      ),
    );
  out.candidates.push({
    event: {
      interactionId: interactionIdOf(SYSTEM, ctx.callId),
      // A transcript file has no version of its own; a corrected transcript needs a new call id or a store reset.
      revision: 1,
      tenantId: options.tenantId,
      occurredAt: ctx.startedAt,
      agent: named
        ? agentFor(options.mapping, SYSTEM, agentLabel, agentLabel)
        : agentFor(options.mapping, SYSTEM, undefined),
      customer: { id: pseudonym(options.tenantId, SYSTEM, ctx.callId) },
      source: { system: SYSTEM, externalId: ctx.callId.slice(0, 200) },
      channel: 'call',
      segments,
      durationSec: Math.max(...segments.map((s) => s.endSec)),
    },
    file: ctx.file,
    record,
    messages: segments.length,
  });
  return out;
}

/** A transcript file's text to one call event (or the problems that stopped it). */
export function adaptTranscript(
  format: TranscriptFormat,
  text: string,
  options: IngestOptions,
  ctx: CallContext,
): Adapted {
  if (format === 'webvtt') return callFromSegments(parseWebVtt(text, ctx.file), options, ctx);
  if (format === 'srt') return callFromSegments(parseSrt(text, ctx.file), options, ctx);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      candidates: [],
      problems: [
        problem('error', PROBLEM_CODES.UNREADABLE, ctx.file, 'the file', `not JSON: ${(e as Error).message}`),
      ],
    };
  }
  if (format === 'transcribe') {
    const t = parseTranscribe(json, ctx.file);
    return callFromSegments(t, options, t.jobName ? { ...ctx, callId: t.jobName } : ctx);
  }
  const g = parseSegmentsJson(json, ctx.file);
  return callFromSegments(g, options, {
    ...ctx,
    ...(g.callId ? { callId: g.callId } : {}),
    ...(g.startedAt ? { startedAt: g.startedAt } : {}),
  });
}
