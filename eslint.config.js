// Lint rules that keep the layers apart: shared/ is pure TypeScript, only renderer/api.ts reads
// window.peerscape, the renderer never reaches Node, Electron or the AWS SDK, and the sandbox
// cloud (packages/sandbox-cloud) imports nothing from the app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

// Bare built-in names go in `paths` (exact match), so a local './events' is not mistaken for one.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

// What shared/ may not import, and the stricter rules of its lower layers (added to these).
const sharedPaths = nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node built-ins.' }));
const sharedPatterns = [
  { group: ['electron', 'electron/*'], message: 'shared/ is pure TypeScript: no Electron.' },
  { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'shared/ is pure TypeScript: no React or UI libraries.' },
  { group: ['@aws-sdk/*', '@smithy/*'], message: 'shared/ is pure TypeScript: AWS SDK types stay in electron/.' },
  { group: ['../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*', '../../../electron/*', '../../../renderer/*'], message: 'shared/ may not import from electron/ or renderer/.' },
];
const noPlanning = (folder) => ({ group: ['../planning', '../planning/*', '../../planning/*', '**/shared/planning/*'], message: `${folder} may not import shared/planning/: plans are built on verdicts, not under them.` });
// The API contract sits on top of shared/: it names the calls over models, verdicts, plans and
// exports, so none of them may import it (Result and the other ground types are in shared/core/).
const noApi = {
  group: ['../api', '../api/*', '../../api', '../../api/*', '../../../api/*', '**/shared/api/*'],
  message: 'shared/api/ is the contract on top of shared/: the layers below it import ground types from shared/core/ instead.',
};
// Every folder of shared/ but api/ itself.
const belowApi = ['core', 'model', 'cidr', 'forwarding', 'analysis', 'planning', 'export', 'words', 'layout'].map((folder) => `shared/${folder}/**/*.ts`);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sharedPaths, patterns: sharedPatterns }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'navigator', 'localStorage', '__dirname'],
    },
  },
  {
    files: belowApi,
    rules: {
      'no-restricted-imports': ['error', { paths: sharedPaths, patterns: [...sharedPatterns, noApi] }],
    },
  },
  {
    // The ground: Result, ok, fail, assertNever. Every layer may use it, so it uses none of them.
    files: ['shared/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: sharedPaths, patterns: [...sharedPatterns, { group: ['../*', '../../*'], message: 'shared/core/ is the ground every layer stands on: it imports nothing from the rest of shared/.' }] },
      ],
    },
  },
  {
    // Verdicts sit below plans: analysis (and the engine under it) never reads planning, so a plan
    // can be built on any verdict without a circle.
    files: ['shared/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sharedPaths, patterns: [...sharedPatterns, noApi, noPlanning('shared/analysis/')] }],
    },
  },
  {
    // The forwarding engine answers "where does this go" for any table; verdicts, words, plans and
    // exports are built on it, never the other way round.
    files: ['shared/forwarding/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sharedPaths,
          patterns: [
            ...sharedPatterns,
            noApi,
            noPlanning('shared/forwarding/'),
            { group: ['../analysis/*', '../words/*', '../export/*'], message: 'shared/forwarding/ is the engine: verdicts (analysis/), words and exports are built on it, not under it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node built-ins.' })),
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer is sandboxed: talk to the Node side through renderer/api.ts.' },
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' },
            { group: ['@aws-sdk/*', '@smithy/*'], message: 'AWS calls belong to electron/; ask through the API.' },
            { group: ['../electron/*', '../../electron/*', '../../../electron/*'], message: 'The renderer may not import from electron/.' },
          ],
        },
      ],
    },
  },
  {
    // The sandbox cloud is the app's test double and demo: it must not share the code it checks.
    files: ['packages/sandbox-cloud/**/*.ts', 'packages/sandbox-cloud/**/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared', '**/shared/**', '**/electron', '**/electron/**', '**/renderer', '**/renderer/**', '**/test/support/**', '@peerscape/*', '!@peerscape/sandbox-cloud'],
              message: 'The sandbox cloud imports nothing from the app (it would share the bugs it is there to catch); keep what it needs inside packages/sandbox-cloud.',
            },
            { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'elkjs', 'elkjs/*', 'cidr-tools'], message: 'The sandbox cloud has its own dependencies (its package.json); it uses none of the app\'s.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='peerscape']", message: 'Only renderer/api.ts reads window.peerscape.' },
      ],
    },
  },
);
