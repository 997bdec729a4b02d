import { readFileSync } from 'node:fs';
import type { Policy } from '@rapport/schemas';
import type { KnowledgeBase } from '../knowledge/schema.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { loadPolicy } from './load.js';

// Shipped inside the package (policies/), read once at module load: works from src and dist alike.
const POLICY_FILE = new URL('../../policies/default.json', import.meta.url);
const KB_FILE = new URL('../../policies/example-kb.json', import.meta.url);

/** The default policy: sensible thresholds, English and Danish greeting/closing/disclosure phrases. */
export const DEFAULT_POLICY: Policy = Object.freeze(
  loadPolicy(readFileSync(POLICY_FILE, 'utf8'), 'policies/default.json'),
);

/** An example knowledge base (refund window, delivery time, prices, opening hours). */
export const EXAMPLE_KNOWLEDGE_BASE: KnowledgeBase = Object.freeze(
  loadKnowledgeBase(readFileSync(KB_FILE, 'utf8'), 'policies/example-kb.json'),
);
