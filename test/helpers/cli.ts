import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}/bin/lintel.js`;

export function assertBuilt(): void {
  if (!existsSync(`${ROOT}/dist/src/cli/main.js`) || !existsSync(`${ROOT}/dist/renderer/index.html`)) {
    throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
  }
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lintel` to completion. */
export function runLintel(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `lintel start --headless …` and resolves with its URL once it prints it. */
export function startLintel(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', '--headless', ...args], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', LINTEL_LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`lintel exited with ${code}: ${out}`)));
  });
}
