import { defineConfig } from 'vitest/config';
import { resolve, root } from './vitest.shared.js';

// Integration and end-to-end tests: real Kafka and FerretDB from infra/local (started by the
// test command). Each test file uses its own topics, group ids and database names.
export default defineConfig({
  root,
  resolve,
  ssr: { resolve },
  test: {
    include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: files run two at a time against the shared broker and store.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
