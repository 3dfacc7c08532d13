import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Zod is imported through lib/model/zod.ts, which turns off its eval probe in the browser (see there). */
const ZOD_PATH = [{ name: 'zod', message: "import { z } from '@/lib/model/zod' (or './zod'): it sets zod up for the pages' CSP.", allowTypeImports: true }];

/** The browser reaches the API only through lib/client (one typed function per route, errors as ApiError). */
const NO_FETCH = {
  globals: [{ name: 'fetch', message: 'Call the API through lib/client (one typed function per route).' }],
  properties: ['window', 'globalThis', 'self'].map((object) => ({ object, property: 'fetch', message: 'Call the API through lib/client.' })),
};

/** Modules the pure model must never import: it runs anywhere, without React, Next, a DOM or a disk. */
const NOT_IN_MODEL = [
  { group: ['react', 'react-*', 'react/*', 'next', 'next/*', 'next-intl', 'next-intl/*'], message: 'lib/model is pure: no React or Next.' },
  { group: ['prosemirror-*', '@/lib/editor/*', '@/lib/storage', '@/lib/storage/*', '@/components/*', '**/components/*', '@/app/*'], message: 'lib/model imports nothing above it.' },
  { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'path', 'node:path', 'node:*'], message: 'lib/model is pure: no fs or Node APIs.' },
];

export default tseslint.config(
  { ignores: ['.next*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'bench/**', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Regular expressions in the app run on text from outside: none may backtrack or re-scan super-linearly (a
    // quadratic pattern on a 150,000-space line held the server or a reader's browser for seconds). Tests and
    // scripts run on their own data. Patterns built at run time are not seen here: avoid them (see lib/model/text-scan.ts).
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'proxy.ts'],
    ignores: ['**/*.test.ts', '**/test-support.ts', '**/*.test-support.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false, ignoreSticky: false }],
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts', 'lib/editor/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Listed before lib/model's and lib/editor's own lists, which repeat it: a later list replaces an earlier one.
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/components/*', '**/components/*', '@/app/*'], message: 'lib/ never imports components/ or app/: pass what it needs in.' }] }],
    },
  },
  {
    // lib/client runs in the browser: zod, if it ever parses there, comes through lib/model/zod.ts.
    files: ['lib/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/components/*', '**/components/*', '@/app/*'], message: 'lib/ never imports components/ or app/: pass what it needs in.' }], paths: ZOD_PATH }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/storage', '@/lib/storage/*'],
              importNamePattern: '^get\\w*Store$',
              message: 'Pages and routes call lib/service, which reaches the stores.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/model/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { patterns: NOT_IN_MODEL, paths: ZOD_PATH }],
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'require'],
    },
  },
  {
    files: ['lib/editor/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NO_FETCH.globals],
      'no-restricted-properties': ['error', ...NO_FETCH.properties],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'next', 'next/*', '@/lib/storage', '@/lib/storage/*', '@/components/*', '**/components/*', '@/app/*', 'node:*'], message: 'lib/editor is DOM glue: no React, Next or storage.' },
            { group: ['@/lib/mt', '@/lib/mt/*'], message: 'machine translation is server-only: ask the app (GET …/rows/:rowId/mt).' },
          ],
          paths: ZOD_PATH,
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/storage', '@/lib/storage/*', '@/app/*', 'node:*'], message: 'components reach storage only through the app layer.' },
            { group: ['@/lib/service', '@/lib/service/*'], message: 'components reach the server through lib/client; its answer types are in lib/client or lib/model.' },
            { group: ['@/lib/mt', '@/lib/mt/*'], message: 'machine translation is server-only: ask the app (GET …/rows/:rowId/mt).' },
          ],
          paths: ZOD_PATH,
        },
      ],
      'no-restricted-globals': ['error', ...NO_FETCH.globals],
      'no-restricted-properties': ['error', ...NO_FETCH.properties],
    },
  },
);
