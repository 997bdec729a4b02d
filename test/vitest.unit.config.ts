import { defineConfig } from 'vitest/config';
import { resolve, root } from './vitest.shared.js';

// Unit tests: pure code next to its source, no services needed.
export default defineConfig({
  root,
  resolve,
  ssr: { resolve },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/golden/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
