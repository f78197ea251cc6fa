// ESLint flat config. Besides the usual TypeScript rules it enforces the architecture's layering
// with no-restricted-imports per folder (VS Code's code-layering idea): see LAYERS below.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto', 'url', 'util', 'stream', 'events'];
const electronOnlyInShell = { name: 'electron', message: 'Electron may be imported only in src-main/app, src-main/ipc and src-main/preload.' };
const noElectronPattern = { group: ['electron', 'electron/*'], message: electronOnlyInShell.message };

const noNode = { group: NODE_BUILTINS, message: 'No Node built-ins here: cores are pure and the renderer runs in a browser sandbox.' };
const noOuterLayers = {
  group: ['**/services/**', '**/store/**', '**/host/**', '**/workers/**', '**/app/**', '**/ipc/**', '**/preload/**', 'better-sqlite3', 'ws'],
  message: 'Cores and the contract must not depend on services, storage, workers or shells, nor do I/O.',
};
const rendererOnlyShared = { group: ['**/src-main/**'], message: 'The renderer may import only @shared from src-main.' };
const onlyApiTouchesTransport = {
  group: ['**/api/transport', '**/api/ws-transport', '**/api/ipc-transport'],
  message: 'Use api/client; only api/ touches the transport.',
};

/**
 * Folder → what it must not import. The file sets are disjoint, because in a flat config a later
 * match replaces an earlier rule instead of adding to it.
 */
export const LAYERS = [
  {
    files: ['src-main/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [noElectronPattern, noNode, noOuterLayers, { group: ['../*'], message: 'src-main/shared imports nothing outside itself.' }],
  },
  {
    files: ['src-main/{common,data,ml,twin,ingest}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    patterns: [noElectronPattern, noNode, noOuterLayers],
  },
  {
    // Outside the Electron shell everything stays runnable in plain Node (web host, workers, tests).
    files: ['src-main/{services,store,host,workers}/**/*.ts', 'src-main/**/*.test.ts'],
    patterns: [noElectronPattern],
  },
  {
    files: ['src-renderer/src/api/**/*.{ts,tsx}'],
    patterns: [noElectronPattern, noNode, rendererOnlyShared],
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/src/api/**'],
    patterns: [noElectronPattern, noNode, rendererOnlyShared, onlyApiTouchesTransport],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'e2e/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...LAYERS.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
