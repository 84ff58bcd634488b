import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'
import { configure, resetCodeSettings } from '../../../src/runtime/config/settings.js'
import { spool } from '../../../src/runtime/delivery/spool.js'
import { RUNTIME_TMP } from '../helpers/processes.js'

/** The spool folder itself, on a real file system: names, claims, bounds. Processes sharing it are in platform/node-endings.test.ts. */
afterEach(() => resetCodeSettings())

function freshSpool(): string {
  mkdirSync(RUNTIME_TMP, { recursive: true })
  const base = mkdtempSync(path.join(RUNTIME_TMP, 'spool-unit-'))
  configure({ spoolDir: base })
  return base
}

const entries = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ key: `key${from + i}`, body: `{"n":${from + i}}` }))
const filesIn = (base: string) => readdirSync(base, { recursive: true, encoding: 'utf8' }).filter((name) => /\.json/.test(name))

test('saved entries are claimed once: a live claim (this process) is not taken again', () => {
  const base = freshSpool()
  const saved = spool.save('collector', entries(3), false)
  expect(saved.every((entry) => entry.file?.endsWith('.json'))).toBe(true)
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  const claimed = spool.claim('collector')
  warn.mockRestore()
  expect(claimed.map((entry) => entry.key).sort()).toStrictEqual(['key0', 'key1', 'key2'])
  expect(claimed.every((entry) => entry.file?.endsWith(`.json.${process.pid}.claimed`))).toBe(true)
  expect(spool.claim('collector')).toStrictEqual([])
  // Another destination has a folder of its own.
  expect(spool.claim('discord')).toStrictEqual([])
  for (const entry of claimed) spool.remove(entry.file!)
  expect(filesIn(base)).toStrictEqual([])
})

test("a dead process's claim is taken over; a file that is not a spool entry is removed, not sent", () => {
  const base = freshSpool()
  const [saved] = spool.save('collector', entries(1), true)
  const folder = path.dirname(saved.file!)
  // pid 2^22 + 1 is above Linux's pid_max: no such process.
  const dead = path.join(folder, `0-orphan.json.${2 ** 22 + 1}.claimed`)
  writeFileSync(dead, JSON.stringify({ key: 'orphan', body: '{}' }))
  writeFileSync(path.join(folder, 'cut-short.json'), '{"key":')
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  const claimed = spool.claim('collector')
  warn.mockRestore()
  expect(claimed.map((entry) => entry.key)).toStrictEqual(['orphan'])
  expect(filesIn(base).sort()).toStrictEqual([path.relative(base, saved.file!), path.relative(base, claimed[0].file!)].sort())
})

test('bounded: at most 1000 files per folder; what does not fit is returned without a file, with one warning', () => {
  const base = freshSpool()
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  const saved = spool.save('collector', entries(1005), false)
  const said = warn.mock.calls.map((call) => String(call[0]))
  warn.mockRestore()
  expect(saved.filter((entry) => entry.file)).toHaveLength(1000)
  expect(saved.slice(1000).every((entry) => entry.file === undefined)).toBe(true)
  expect(filesIn(base)).toHaveLength(1000)
  expect(said).toStrictEqual([expect.stringMatching(/^errorweave: the spool .+ is full \(1000 files or 20 MiB\); newer reports are not kept$/)])
})

test('spool-dir=off: nothing is written or read', () => {
  freshSpool()
  configure({ spoolDir: 'off' })
  expect(spool.save('collector', entries(2), false).every((entry) => entry.file === undefined)).toBe(true)
  expect(spool.claim('collector')).toStrictEqual([])
})
