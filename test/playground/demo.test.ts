import path from 'node:path'
import { expect, test } from 'vitest'
import { ROOT } from '../helpers/weave.js'
import { runNode } from '../runtime/helpers/processes.js'

/**
 * `npm run demo` (after the build): both builds of the shop serve real HTTP requests
 * through errorweave/express, and every report that reaches the collector names its
 * request, user and trace.
 */
test('the demo: reports of HTTP requests with route template, params, user, client IP and trace, the same from both builds', async () => {
  const demo = await runNode(path.join(ROOT, 'playground/run-demo.mjs'), { cwd: ROOT, guardMs: 180_000, args: ['--no-wait'] })
  expect(demo.stderr).not.toContain('demo failed')
  expect(demo.code).toBe(0)
  expect(demo.stdout).toContain('vite and tsc: the same 4 reports')
  expect(demo.stdout).toMatch(/The dashboard: http:\/\/127\.0\.0\.1:\d+\/ /)
  expect(demo.stdout).toContain('POST /checkout/A-3 -> 500')
  const carol = demo.stdout.split('── ').find((block) => block.includes('"orderId":"A-3"'))
  expect(carol).toBeDefined()
  for (const line of [/request\s+POST \/checkout\/:orderId {2}from 203\.0\.113\.7/, /user\s+carol \/ ROLE_CUSTOMER/, /trace\s+0{31}3 span a{15}3/]) expect(carol).toMatch(line)
  // The stolen card's number and code never reach a report.
  expect(demo.stdout).not.toMatch(/4111 1111|"cvc":"123"/)
})
