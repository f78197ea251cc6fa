/**
 * The layering rules fail real code: each case lints a one-line file placed in a folder and
 * checks that ESLint reports (or does not report) a no-restricted-imports error.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint layering', () => {
  it.each([
    ['src-main/data/leak.ts', "import { app } from 'electron';\nexport const a = app;\n", /Electron may be imported only/],
    ['src-main/services/leak.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", /Electron may be imported only/],
    ['src-main/twin/leak.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /No Node built-ins/],
    ['src-main/ml/leak.ts', "import { createRuntime } from '../services/runtime';\nexport const a = createRuntime;\n", /must not depend on services/],
    ['src-renderer/src/features/leak.tsx', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /No Node built-ins/],
    ['src-renderer/src/features/leak.tsx', "import { createRuntime } from '../../../src-main/services/runtime';\nexport const a = createRuntime;\n", /only @shared/],
    ['src-renderer/src/features/leak.tsx', "import { chooseTransport } from '../api/transport';\nexport const a = chooseTransport;\n", /only api\/ touches the transport/],
    ['src-main/shared/leak.ts', "import { getColumn } from '../data/table';\nexport const a = getColumn;\n", /imports nothing outside itself/],
  ])('%s: a forbidden import fails', async (file, code, message) => {
    const errors = await restricted(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['src-main/app/ok.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-main/preload/ok.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n"],
    ['src-renderer/src/features/ok.tsx', "import { requests } from '@shared/contract';\nexport const a = requests;\n"],
    ['src-main/services/ok.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
