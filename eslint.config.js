// ESLint 9 flat config for the whole monorepo: `npm run lint` (= `eslint .`).
//
// - @eslint/js recommended + typescript-eslint recommended (syntax-only, no type information:
//   fast enough to run on every save and in CI).
// - A dedicated block for Temporal workflow code (packages/workflows/src) that keeps the
//   deterministic sandbox free of I/O and implementation packages. See below.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Globals of plain Node ESM scripts (*.js / *.mjs); TypeScript files get theirs from @types/node. */
const nodeScriptGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'structuredClone',
    'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'queueMicrotask',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

// ---------------------------------------------------------------------------------------------
// Temporal workflow determinism
//
// Workflow code is bundled by @temporalio/worker and runs in Temporal's deterministic sandbox
// (a V8 isolate) where every step must replay identically from history. The sandbox ALREADY
// makes these deterministic, so they are deliberately NOT restricted here:
//   - Date / Date.now()            -> the time of the current workflow task
//   - Math.random()                -> seeded from the workflow run
//   - setTimeout / clearTimeout    -> durable workflow timers (sleep)
//   - WeakRef / FinalizationRegistry -> replaced by stubs that throw a DeterminismViolationError
// What the sandbox cannot fix is code that does I/O or drags implementation packages into the
// bundle: that fails at worker start-up or, worse, breaks replay. Hence the import rules below.
// Activities are called through proxyActivities<typeof activities>() with a TYPE-only import.
// ---------------------------------------------------------------------------------------------
const WORKFLOW_MESSAGE =
  "workflow code runs in Temporal's deterministic sandbox; import activity types only " +
  '(`import type`) and do I/O in an activity (packages/activities).';

/**
 * Node built-ins, all of them. Temporal's bundler tolerates a few (assert, url, util); Parley
 * bans those too, so workflow code never depends on polyfills (see DESIGN.md).
 */
const NAMED_NODE_BUILTINS = [
  'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'dns',
  'worker_threads', 'stream', 'events', 'util', 'timers', 'url', 'zlib',
];
const NODE_BUILTINS = [
  ...new Set([
    ...NAMED_NODE_BUILTINS,
    // Top-level names only; subpaths (fs/promises, ...) are caught by a pattern below.
    ...builtinModules.filter((name) => !/^_|^node:|\//.test(name)),
  ]),
].sort();

/** Implementation packages whose types may be imported but whose code must never be bundled. */
const TYPE_ONLY_PACKAGES = [
  '@parley/db',
  '@parley/activities',
  '@parley/voice',
  '@parley/ai',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
  '@temporalio/core-bridge',
  'microsoft-cognitiveservices-speech-sdk',
  'openai',
];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const workflowImportRule = [
  'error',
  {
    paths: [
      ...NODE_BUILTINS.map((name) => ({ name, message: WORKFLOW_MESSAGE })),
      ...TYPE_ONLY_PACKAGES.map((name) => ({
        name,
        allowTypeImports: true,
        message: WORKFLOW_MESSAGE,
      })),
      {
        // Each conversation evaluates its own copy of the workflow's modules: the flow package's
        // main entry brings zod and every kind's schema (~18 ms and ~1.5 MB per conversation).
        name: '@parley/flow',
        allowTypeImports: true,
        message: 'import values from @parley/flow/runtime (zod-free); types may come from @parley/flow.',
      },
    ],
    patterns: [
      // node:fs, node:fs/promises, node:test, node:sqlite, ...
      { regex: '^node:', message: WORKFLOW_MESSAGE },
      // Subpaths of built-ins: fs/promises, stream/web, util/types, dns/promises, ...
      {
        regex: `^(${NODE_BUILTINS.map(escapeRegex).join('|')})/`,
        message: WORKFLOW_MESSAGE,
      },
      // Prisma (client, adapters, generated code) and subpaths of the packages above.
      {
        regex: `^(@prisma/|(${TYPE_ONLY_PACKAGES.map(escapeRegex).join('|')})/)`,
        allowTypeImports: true,
        message: WORKFLOW_MESSAGE,
      },
      {
        regex: '^@temporalio/common/lib/internal-non-workflow',
        message: WORKFLOW_MESSAGE,
      },
      // The payload codec (packages/workflows/codec, beside src) is client/worker-side: Node's
      // crypto, never in the bundle.
      {
        regex: '(^|/)codec(/|$)',
        message: 'the payload codec is client/worker-side code (node:crypto); the workflow bundle must not import it.',
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/.turbo/**',
      '.tools/**',
      'data/**',
      'packages/db/src/generated/**',
      // Copied from node_modules before each build (apps/builder/scripts/copy-vad-assets.mjs): third-party bundles.
      'apps/builder/public/vad/**',
      '**/dist/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/next-env.d.ts',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // `_`-prefixed names are intentionally unused (positional args, destructuring rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeScriptGlobals },
  },

  // Temporal workflow code (tests run in Node, outside the sandbox, and are exempt; the payload
  // codec, which the API's Client and the worker run, lives beside src/ in codec/).
  {
    files: ['packages/workflows/src/**/*.ts'],
    ignores: [
      'packages/workflows/src/**/*.test.ts',
      'packages/workflows/src/**/*.spec.ts',
      'packages/workflows/src/**/__tests__/**',
    ],
    rules: {
      // The TypeScript version of the rule, because only it understands `allowTypeImports`.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': workflowImportRule,
      // `import { type X } from 'm'` can leave a side-effect `import 'm'` behind (verbatim
      // module syntax / some transpilers), which would pull m into the workflow bundle.
      // Top-level `import type { X } from 'm'` is always erased.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
);
