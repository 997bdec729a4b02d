// Lint rules for the whole workspace. Run from the root: `pnpm lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'test/artifacts/**',
      '**/*.d.ts',
      'services/*/web/dist/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // A dropped promise is a lost message or an unhandled crash in a stream worker.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Every channel, role, severity and error code must be handled where it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'natural',
              message:
                "The 'natural' index loads storage adapters that run dotenv; import the submodule you need (e.g. 'natural/lib/natural/tokenizers').",
            },
          ],
          patterns: [
            {
              group: ['@rapport/*/internal/*', '@rapport/*/src/*'],
              message: 'Import a package through its public entry.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only composition roots and config read the environment.
    files: ['packages/**/*.ts'],
    ignores: ['packages/config/**', '**/*.test.ts', 'packages/*/scripts/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @rapport/config, parsed once at startup.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    // Scripts served to browsers (the review UI's keyboard triage).
    files: ['services/*/static/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
);
