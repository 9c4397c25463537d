import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Works from compiled code (dist/src/app) and from sources run by the test runner (src/app). */
function firstExisting(candidates: readonly string[], probe: string): string | null {
  return candidates.find((dir) => existsSync(join(dir, probe))) ?? null;
}

/** The built renderer (Vite output, recognised by its assets folder), or null when it has not been built. */
export function rendererDir(): string | null {
  return firstExisting([join(here, '..', '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')], 'assets');
}

/** The project's package.json, from dist/src/app or src/app. */
export function packageJsonPath(): string {
  const dir = firstExisting([join(here, '..', '..', '..'), join(here, '..', '..')], 'package.json');
  if (dir === null) throw new Error(`package.json not found above ${here}`);
  return join(dir, 'package.json');
}

/** The compiled Electron entry and its bundled preload. */
export function shellDir(): string | null {
  return firstExisting([join(here, '..', 'shell'), join(here, '..', '..', 'dist', 'src', 'shell')], 'main.js');
}

/** Lintel's version, from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageJsonPath(), 'utf8')) as { version: string }).version;
}
