import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type WindowKind = 'electron' | 'chromium' | 'headless';

export interface WindowPlan {
  readonly kind: WindowKind;
  /** Why this kind was chosen, for the start-up line. */
  readonly reason: string;
  readonly command?: string;
}

/** The Electron binary, when its npm package has one (its download is skipped on machines without internet). */
export function findElectronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export function findChromium(): string | null {
  const fromEnv = process.env.LINTEL_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Electron when it exists, else the system Chromium in kiosk mode, else headless. */
export function planWindow(
  headless: boolean,
  found: { electron: string | null; chromium: string | null; display: boolean },
): WindowPlan {
  if (headless) return { kind: 'headless', reason: '--headless was given' };
  if (!found.display) return { kind: 'headless', reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  if (found.electron) return { kind: 'electron', reason: 'Electron is installed', command: found.electron };
  if (found.chromium)
    return { kind: 'chromium', reason: 'the Electron binary is not installed; using the system Chromium', command: found.chromium };
  return { kind: 'headless', reason: 'neither the Electron binary nor Chromium is installed' };
}

export function launchWindow(plan: WindowPlan, url: string, shellDir: string | null, dataDir: string, kiosk: boolean): ChildProcess | null {
  if (plan.kind === 'electron' && plan.command && shellDir) {
    return spawn(plan.command, [join(shellDir, 'main.js'), `--lintel-url=${url}`], { stdio: 'inherit' });
  }
  if (plan.kind === 'chromium' && plan.command) {
    return spawn(
      plan.command,
      [
        `--app=${url}`,
        // A kiosk window has no way out: only on the door, not on a laptop trying the demo.
        ...(kiosk ? ['--kiosk'] : ['--window-size=1024,600']),
        '--noerrdialogs',
        '--disable-infobars',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-translate',
        '--disable-features=Translate,OverscrollHistoryNavigation',
        '--overscroll-history-navigation=0',
        `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
      ],
      { stdio: 'ignore' },
    );
  }
  return null;
}
