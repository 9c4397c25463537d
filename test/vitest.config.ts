import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests share one Chromium per file and 2 cores: keep files from starving each other.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // On 2 busy cores a page or a core can take more than poll's 1 s default to show a change that
    // is certainly coming; a wrong value still fails, only later.
    expect: { poll: { timeout: 5_000 } },
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
