import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'lintel/layers').map((m) => `${m.severity === 2 ? 'error' : 'warn'}: ${m.message}`);
}

describe('the layer rule (DESIGN.md §3)', () => {
  it.each([
    ['src/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /Node built-in/],
    ['src/domain/x.ts', "import { Store } from '../store/store.js';\nexport const x = Store;", /core layer/],
    ['src/domain/x.ts', "import pino from 'pino';\nexport const x = pino;", /package pino/],
    ['src/store/x.ts', "import { app } from 'electron';\nexport const x = app;", /only src\/shell may import electron/],
    ['src/api/x.ts', "export const x = import('electron');", /electron/],
    ['renderer/src/x.ts', "import { Store } from '../../src/store/store.js';\nexport const x = Store;", /core layer/],
    ['renderer/src/x.ts', "import { derive } from '../../src/domain/derive.js';\nexport const x = derive;", /domain layer/],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;", /better-sqlite3/],
    ['renderer/src/x.ts', "import { readFile } from 'fs';\nexport const x = readFile;", /Node built-in/],
    ['hardware/leds/x.ts', "import { Store } from '../../src/store/store.js';\nexport const x = Store;", /core layer/],
  ])('rejects, at error level, %s importing what it must not', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: /);
    expect(errors[0]).toMatch(expected);
  });

  it.each([
    ['src/domain/x.ts', "import { DateTime } from 'luxon';\nimport { derive } from './derive.js';\nexport const x = [DateTime, derive];"],
    ['src/store/x.ts', "import Database from 'better-sqlite3';\nimport { derive } from '../domain/derive.js';\nexport const x = [Database, derive];"],
    ['src/shell/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['renderer/src/x.ts', "import { HTTP_ROUTES } from '../../src/api/contract.js';\nimport { render } from 'preact';\nexport const x = [HTTP_ROUTES, render];"],
    ['renderer/src/x.ts', "import { encode } from 'uqr';\nexport const x = encode;"],
    ['hardware/leds/x.ts', "import { ledsFor } from '../../src/domain/leds.js';\nexport const x = ledsFor;"],
  ])('allows %s its own arrows', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
