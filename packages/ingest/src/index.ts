export * from './problem.js';
export * from './options.js';
export { pseudonym, interactionIdOf, revisionOf } from './ids.js';
export { htmlToText, normaliseSubject } from './text.js';
export { checkCandidates, type Candidate, type Checked } from './validate.js';
export type { Adapted } from './adapter.js';
export { adaptZendeskTicket } from './zendesk.js';
export { adaptIntercomConversation } from './intercom.js';
export { adaptFreshdeskTicket } from './freshdesk.js';
export { parseMail, threadMails, isAgentAddress, stripQuoted, type MailRecord } from './email.js';
export { MboxSplitter } from './mbox.js';
export {
  adaptTranscript,
  parseWebVtt,
  parseSrt,
  parseTranscribe,
  parseSegmentsJson,
  assignSpeakers,
  type TranscriptFormat,
  type CallContext,
  type RawSegment,
} from './transcripts.js';
export { RowGrouper, GENERIC_FIELDS, adaptCsvText, adaptJsonlText, createCsvRowParser } from './tabular.js';
export { jsonRecords } from './json-records.js';
export { FORMATS, type Format } from './formats.js';
