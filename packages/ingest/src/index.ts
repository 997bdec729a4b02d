export * from './problem.js';
export * from './options.js';
export { pseudonym, interactionIdOf, revisionOf } from './ids.js';
export { htmlToText, normaliseSubject } from './text.js';
export { checkCandidates, ContractChecker, type Candidate, type Checked } from './validate.js';
export type { Adapted } from './adapter.js';
export { adaptZendeskTicket } from './zendesk.js';
export { adaptIntercomConversation } from './intercom.js';
export { adaptFreshdeskTicket } from './freshdesk.js';
export {
  parseMail,
  threadMails,
  threadEvent,
  ThreadIndex,
  noAgentSideConfigured,
  noAgentSideProblem,
  isAgentAddress,
  stripQuoted,
  type MailRecord,
  type ThreadFacts,
} from './email.js';
export { scanThreadFacts } from './mail-headers.js';
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
