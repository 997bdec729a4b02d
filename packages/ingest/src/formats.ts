/** The import formats, by the name `rapport import --format` takes, with the files each reads. */
export const FORMATS = {
  zendesk: { kind: 'vendor-json', extensions: ['.json', '.jsonl'] },
  intercom: { kind: 'vendor-json', extensions: ['.json', '.jsonl'] },
  freshdesk: { kind: 'vendor-json', extensions: ['.json', '.jsonl'] },
  eml: { kind: 'eml', extensions: ['.eml'] },
  mbox: { kind: 'mbox', extensions: ['.mbox', '.mbx', ''] },
  webvtt: { kind: 'transcript', extensions: ['.vtt'] },
  srt: { kind: 'transcript', extensions: ['.srt'] },
  transcribe: { kind: 'transcript', extensions: ['.json'] },
  segments: { kind: 'transcript', extensions: ['.json'] },
  csv: { kind: 'csv', extensions: ['.csv'] },
  jsonl: { kind: 'jsonl', extensions: ['.jsonl'] },
} as const;
export type Format = keyof typeof FORMATS;
