import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Workspace packages resolve to their TypeScript sources in tests: no build step before a test run. */
export const resolve = {
  conditions: ['@rapport/source', ...defaultServerConditions],
};
