import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { expect, test } from 'vitest'
import { TMP } from '../helpers/weave.js'

/**
 * What a bundle of the runtime holds, per platform, with "sideEffects": false trusted
 * as bundlers do: a browser pays for the universal part only; a Node bundle keeps the
 * Node part (properties file, exit flush, node:https), which must not be shaken away.
 */
const ENTRY = `import { configure, capture, table, flush } from 'errorweave'
configure({})
globalThis.kept = [capture, table, flush]
`
const NODE_ONLY = ['beforeExit', 'error.monitor.server-url', 'ERROR_MONITOR_SERVER_URL', 'allowed_mentions', 'sourceMappingURL=']

async function bundle(platform: 'browser' | 'node', source = ENTRY): Promise<string> {
  const directory = path.join(TMP, 'runtime-bundles')
  mkdirSync(directory, { recursive: true })
  const entry = path.join(directory, `entry-${platform}-${source.length}.mjs`)
  writeFileSync(entry, source)
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, platform, format: 'esm', write: false, logLevel: 'silent' })
  return result.outputFiles[0].text
}

test('a browser bundle has no Node-only code', async () => {
  const code = await bundle('browser')
  for (const text of NODE_ONLY) expect(code).not.toContain(text)
  expect(code).not.toMatch(/from\s*"node:/)
  console.log(`browser bundle of configure+capture+table+flush: ${code.length} bytes minified, ${gzipSync(code, { level: 9 }).length} bytes gzip`)
})

test('a Node bundle keeps the Node part', async () => {
  const code = await bundle('node')
  for (const text of NODE_ONLY) expect(code).toContain(text)
  expect(code).toMatch(/from\s*"node:https"/)
})

/** Text only the context API's modules hold (request reading, client IP, traceparent, async context). */
const CONTEXT_ONLY = ['x-forwarded-for', 'traceparent', 'AsyncLocalStorage', 'uniquelocal']

test('the context API costs nothing to a browser app that does not use it; setUser() does not bring the request reader', async () => {
  const plain = await bundle('browser')
  for (const text of CONTEXT_ONLY) expect(plain).not.toContain(text)
  const withContext = await bundle('browser', `${ENTRY}import { setUser, withContext } from 'errorweave'\nglobalThis.context = [setUser, withContext]\n`)
  expect(withContext).toContain('AsyncLocalStorage')
  for (const text of ['x-forwarded-for', 'traceparent', 'uniquelocal']) expect(withContext).not.toContain(text)
  console.log(`setUser+withContext add ${withContext.length - plain.length} bytes minified, ${gzipSync(withContext, { level: 9 }).length - gzipSync(plain, { level: 9 }).length} gzip`)
})
