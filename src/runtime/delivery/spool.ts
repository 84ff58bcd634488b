import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { settings } from '../config/settings.js'
import { hash } from '../report/build.js'
import { warnOnce } from '../platform/warn.js'
import type { Sender, Spool, SpoolEntry } from './types.js'

/** Per folder: enough for a long outage of a busy service, small enough never to fill a disk. */
const MAX_FILES = 1000
const MAX_BYTES = 20 * 1024 * 1024
const FREE = /\.json$/
const CLAIMED = /\.json\.(\d+)\.claimed$/

/**
 * The spool (Node): one folder per service and destination, one file per report
 * holding its masked body and Idempotency-Key (never the API key). Several processes
 * may share it: a file is written under a temporary name and renamed into place, and
 * a process claims a file by renaming it to carry its pid, so only one sends it; a
 * claim whose process is gone is taken over. Synchronous, so it works while the
 * process exits.
 */
export const spool: Spool = {
  claim(name) {
    const folder = folderOf(name)
    if (!folder) return []
    const claimed: SpoolEntry[] = []
    for (const file of list(folder)) {
      const owner = CLAIMED.exec(file)?.[1]
      if (!FREE.test(file) && !(owner && !isAlive(Number(owner)))) continue
      const mine = `${file.replace(CLAIMED, '.json')}.${process.pid}.claimed`
      const entry = attempt(() => {
        renameSync(join(folder, file), join(folder, mine))
        return readEntry(join(folder, mine))
      })
      if (entry) claimed.push(entry)
    }
    if (claimed.length > 0) warnOnce(`reports an earlier run could not deliver wait in ${folder}: ${claimed.length}; sending them now`)
    return claimed
  },

  save(name, entries, claimed) {
    const folder = folderOf(name)
    if (!folder || !attempt(() => (mkdirSync(folder, { recursive: true, mode: 0o700 }), true))) return entries
    let { files, bytes } = usage(folder)
    return entries.map((entry) => {
      const suffix = claimed ? `.${process.pid}.claimed` : ''
      if (entry.file) {
        const target = entry.file.replace(CLAIMED, '.json') + suffix
        return attempt(() => (renameSync(entry.file!, target), true)) ? { ...entry, file: target } : entry
      }
      const text = JSON.stringify({ key: entry.key, body: entry.body })
      if (files >= MAX_FILES || bytes + text.length > MAX_BYTES) {
        warnOnce(`the spool ${folder} is full (${MAX_FILES} files or ${MAX_BYTES >> 20} MiB); newer reports are not kept`)
        return entry
      }
      const file = join(folder, `${Date.now().toString(36)}-${entry.key}.json${suffix}`)
      const temporary = join(folder, `.${entry.key}.${process.pid}.tmp`)
      const written = attempt(() => {
        writeFileSync(temporary, text, { mode: 0o600 })
        renameSync(temporary, file)
        return true
      })
      if (!written) return entry
      files++
      bytes += text.length
      return { ...entry, file }
    })
  },

  remove(file) {
    attempt(() => unlinkSync(file))
  },
}

/** The spool's name for a sender's destination (one folder per service and destination), or undefined when it has none. */
export function spoolNameOf(sender: Sender): string | undefined {
  const url = sender.label === 'discord' ? settings.discordWebhookUrl : settings.serverUrl
  return url && `${sender.label}\n${settings.service ?? ''}\n${url}`
}

/** The folder for `name`, or undefined when spool-dir is off. */
function folderOf(name: string): string | undefined {
  const base = settings.spoolDir ?? join(tmpdir(), 'errorweave-spool')
  if (base.toLowerCase() === 'off') return undefined
  return join(base, hash(name))
}

function list(folder: string): string[] {
  return attempt(() => readdirSync(folder).sort()) ?? []
}

function usage(folder: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const file of list(folder)) {
    if (!FREE.test(file) && !CLAIMED.test(file)) continue
    files++
    bytes += attempt(() => statSync(join(folder, file)).size) ?? 0
  }
  return { files, bytes }
}

function readEntry(file: string): SpoolEntry | undefined {
  const { key, body } = attempt(() => JSON.parse(readFileSync(file, 'utf8')) as Partial<SpoolEntry>) ?? {}
  if (typeof key === 'string' && typeof body === 'string') return { key, body, file }
  // Not ours, or cut short: it would never send.
  attempt(() => unlinkSync(file))
  return undefined
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** Another process may have taken or removed the file first; that is not an error. */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run()
  } catch {
    return undefined
  }
}
