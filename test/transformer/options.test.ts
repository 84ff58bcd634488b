import { expect, test } from 'vitest'
import { resolveOptions, type ErrorWeaveOptions, type ResolvedOptions } from '../../src/transformer/core/options.js'

function resolvedWithWarnings(options: Record<string, unknown>) {
  const warnings: string[] = []
  const resolved = resolveOptions({ root: '/project', ...options } as ErrorWeaveOptions, (message) => warnings.push(message))
  return { resolved, warnings }
}

test('the defaults: annotated code only, future calls to depth 5, no trace, the weave cache on', () => {
  const { resolved, warnings } = resolvedWithWarnings({})
  expect(warnings).toEqual([])
  expect({ ...resolved, accepts: undefined }).toEqual({
    monitorAll: false,
    futureCalls: { enabled: true, maxDepth: 5 },
    root: '/project',
    trace: false,
    cache: true,
    accepts: undefined,
  })
})

test.each([
  ['monitorAll', { monitorAll: 'yes' }, (r: ResolvedOptions) => r.monitorAll, false],
  ['futureCalls.enabled', { futureCalls: { enabled: 1 } }, (r: ResolvedOptions) => r.futureCalls.enabled, true],
  ['futureCalls.maxDepth', { futureCalls: { maxDepth: -2 } }, (r: ResolvedOptions) => r.futureCalls.maxDepth, 5],
  ['futureCalls.maxDepth', { futureCalls: { maxDepth: 2.5 } }, (r: ResolvedOptions) => r.futureCalls.maxDepth, 5],
  ['trace', { trace: 'on' }, (r: ResolvedOptions) => r.trace, false],
  ['cache', { cache: 'false' }, (r: ResolvedOptions) => r.cache, true],
])('a bad %s gets one warning naming the key and its default is used', (key, options, read, fallback) => {
  const { resolved, warnings } = resolvedWithWarnings(options)
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain(`'${key}'`)
  expect(read(resolved)).toBe(fallback)
})

test('include and exclude: globs relative to root or RegExps; node_modules, virtual modules and queries handled', () => {
  const { resolved } = resolvedWithWarnings({ include: ['src/**/*.ts', /\.mts$/], exclude: 'src/generated/**' })
  expect(resolved.accepts('/project/src/a/b.ts')).toBe(true)
  expect(resolved.accepts('/project/src/a/b.ts?v=3')).toBe(true)
  expect(resolved.accepts('/elsewhere/c.mts')).toBe(true)
  expect(resolved.accepts('/project/src/generated/x.ts')).toBe(false)
  expect(resolved.accepts('/project/lib/x.ts')).toBe(false)
  expect(resolved.accepts('\0virtual:src/x.ts')).toBe(false)
  const defaults = resolvedWithWarnings({}).resolved
  expect(defaults.accepts('/project/node_modules/pkg/index.ts')).toBe(false)
  expect(defaults.accepts('/project/src/view.tsx')).toBe(true)
  expect(defaults.accepts('/project/src/style.css')).toBe(false)
})

test.each([
  [{ monitorall: true }, "errorweave: unknown option 'monitorall' is ignored; did you mean 'monitorAll'?"],
  [{ exlude: 'a/**' }, "errorweave: unknown option 'exlude' is ignored; did you mean 'exclude'?"],
  [{ futureCalls: { maxdepth: 3 } }, "errorweave: unknown option 'futureCalls.maxdepth' is ignored; did you mean 'futureCalls.maxDepth'?"],
  [{ colour: 'red' }, "errorweave: unknown option 'colour' is ignored; valid options: include, exclude, monitorAll, futureCalls, root, trace, cache"],
])('an unknown key %j gets one warning with the closest valid name, and the defaults stand', (options, warning) => {
  const { resolved, warnings } = resolvedWithWarnings(options)
  expect(warnings).toEqual([warning])
  expect(resolved.monitorAll).toBe(false)
  expect(resolved.futureCalls.maxDepth).toBe(5)
})

test("the host's own keys in the same object are not ours to warn about", () => {
  const warnings: string[] = []
  resolveOptions({ transform: 'errorweave/transformer', after: false, monitorAll: true } as ErrorWeaveOptions, (m) => warnings.push(m), ['transform', 'after'])
  expect(warnings).toEqual([])
})
