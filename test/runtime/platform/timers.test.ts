import { beforeAll, expect, test } from 'vitest'
import { runNode, tagged, writeWovenModule } from '../helpers/processes.js'

/**
 * A test suite that mocks the clock (vi.setSystemTime after 2038, Date.now jumps)
 * around woven code: the runtime's aggregation windows and retry waits run on a
 * monotonic clock, so no TimeoutOverflowWarning and no timer re-armed every
 * millisecond. The child counts the timers created while it idles, with async_hooks.
 */
const APP = `
import { createHook } from 'node:async_hooks'
import { ErrorMonitor, stats } from 'errorweave'

class Clock {
  @ErrorMonitor
  tick() {
    throw new Error('expired token')
  }
}
const warnings: string[] = []
process.on('warning', (warning) => warnings.push(warning.name))
const realNow = Date.now
const jump = Number(process.env.TEST_JUMP_MS)
// Captured while the wall clock says 2046 (or 1986), then the clock is put back.
Date.now = () => realNow() + jump
for (let i = 0; i < 3; i++) {
  try { new Clock().tick() } catch {}
}
Date.now = realNow
let timers = 0
createHook({ init: (_id, type) => { if (type === 'Timeout') timers++ } }).enable()
setTimeout(() => console.log('RESULT ' + JSON.stringify({ warnings, timers, aggregated: stats().aggregated, reports: stats().reports })), 1500)
`

let app: string
beforeAll(() => {
  app = writeWovenModule('mocked-clock-app', APP, 'src/clock.ts')
})

test.each([
  ['20 years ahead (after 2038)', 20 * 365 * 86_400_000],
  ['20 years back', -20 * 365 * 86_400_000],
])('a wall clock %s while errors are captured: no TimeoutOverflowWarning, no busy timer', async (_name, jump) => {
  const run = await runNode(app, { env: { TEST_JUMP_MS: String(jump) } })
  expect(run.code, run.stderr).toBe(0)
  expect(run.stderr).not.toContain('TimeoutOverflowWarning')
  const [result] = tagged<{ warnings: string[]; timers: number; aggregated: number; reports: number }>(run.stdout, 'RESULT')
  expect(result.warnings).toStrictEqual([])
  // The 1.5 s idle holds the window's sweep and our own timer: a handful, not one per millisecond.
  expect(result.timers).toBeLessThan(10)
  // The window still closed on time: the two repeats became one report with count 2.
  expect(result).toMatchObject({ aggregated: 2, reports: 2 })
})
