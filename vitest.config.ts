import { defineConfig } from 'vitest/config'

/**
 * The headless-Chromium page tests run after everything else, on their own: a page
 * closed while the machine is saturated by parallel builds can be killed by Chromium
 * before any of its code runs again (a renderer kept busy for 1.5 s when its page is
 * closed delivered nothing, 300 ms did), which is no test of ours.
 */
const PAGE_TESTS = ['test/runtime/browser.test.ts', 'test/collector/dashboard.test.ts']

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: PAGE_TESTS, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'page', include: PAGE_TESTS, sequence: { groupOrder: 1 } } },
    ],
  },
})
