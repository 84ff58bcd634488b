import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceMap } from 'magic-string'
import { pathOfModule, type ResolvedOptions } from '../core/options.js'
import { parserVersion } from './load-parser.js'
import { cacheDirectory, writeAtomically } from './cache-directory.js'
import { magicString } from './magic-string.js'
import { mayNeedWeaving, weaveFile, type WeaveResult } from './weave-file.js'

/** What a bundler entry hands on: the map is there only when it was asked for. */
export type BundlerWeave = { kind: 'woven'; code: string; map: SourceMap | null } | Exclude<WeaveResult, { kind: 'woven' }>

export interface BundlerWeaver {
  weave(code: string, fileName: string, withMap: boolean): BundlerWeave
  /** At the end of a build: keeps what this build wove for the next one. */
  save(): void
}

/** The last weave of a file, known by a hash of its text. */
type Entry = { hash: string } & ({ kind: 'woven'; code: string; map: SourceMap | null } | { kind: 'untouched' })
type Pack = Record<string, Entry>

/**
 * The bundler entries' weave, remembered across builds: a file whose text was woven
 * before, with the same options, by the same errorweave and oxc-parser, is read back
 * instead of parsed (no parser load at all when every file is known). One pack file
 * per set of options holds the last weave of each file, read once and written once at
 * the end of a build: a file per entry cost ~0.25 ms of file-system work each here.
 * Syntax errors and invalid annotations are not kept, so their messages come every build.
 * Entries of files that no longer exist are dropped as a build ends, so a pack never
 * outgrows the project.
 */
export function bundlerWeaver(options: ResolvedOptions, directory = options.cache ? cacheDirectory() : undefined): BundlerWeaver {
  const weave = (code: string, fileName: string, withMap: boolean): BundlerWeave => {
    const result = weaveFile(code, fileName, options)
    return result.kind === 'woven' ? { kind: 'woven', code: result.code, map: withMap ? result.map() : null } : result
  }
  if (!directory) return { weave, save: () => {} }
  const weaves = path.join(directory, 'weave')
  let packFile: string | undefined
  let pack: Pack | undefined
  /** What this build wove: written at its end. */
  const newEntries: Pack = {}
  /** Files known to exist: asked for by a build, or found on disk once. */
  const seen = new Set<string>()
  const gone = (entries: Pack) =>
    Object.keys(entries).filter((file) => {
      if (seen.has(file)) return false
      if (!existsSync(pathOfModule(file))) return true
      seen.add(file)
      return false
    })
  return {
    weave(code, fileName, withMap) {
      if (!mayNeedWeaving(code, options)) return { kind: 'untouched' }
      seen.add(fileName)
      if (!pack) {
        try {
          packFile = path.join(weaves, `${versionOfWeaver()}-${hashOf(JSON.stringify({ ...options, accepts: undefined }))}.json`)
        } catch {
          // Our own files cannot be read here: this build weaves without the cache.
          return weave(code, fileName, withMap)
        }
        pack = readPack(packFile)
      }
      const hash = hashOf(code)
      const known = Object.hasOwn(pack, fileName) ? pack[fileName] : undefined
      if (known?.hash === hash) {
        if (known.kind === 'untouched') return { kind: 'untouched' }
        if (typeof known.code === 'string' && (known.map || !withMap)) return { kind: 'woven', code: known.code, map: withMap && known.map ? restoreMap(known.map) : null }
      }
      const result = weave(code, fileName, withMap)
      if (result.kind === 'woven' || result.kind === 'untouched') pack[fileName] = newEntries[fileName] = { hash, ...result }
      return result
    },
    save() {
      if (!packFile || !pack) return
      const deleted = gone(pack)
      if (Object.keys(newEntries).length === 0 && deleted.length === 0) return
      for (const file of deleted) delete pack[file]
      // Another build may have written the pack meanwhile: its entries stay, ours win.
      const merged = { ...readPack(packFile), ...newEntries }
      for (const file of gone(merged)) delete merged[file]
      writeAtomically(packFile, JSON.stringify(merged))
      for (const file of Object.keys(newEntries)) delete newEntries[file]
      removeOtherVersions(weaves, path.basename(packFile).split('-')[0])
    },
  }
}

/** A map read back from JSON: its own fields are all there, its methods come from the class. */
function restoreMap(fields: SourceMap): SourceMap {
  return Object.assign(Object.create(magicString().SourceMap.prototype) as SourceMap, fields)
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/** In the one-module bundler entries: hashOfTransformer of the tree they were bundled from (scripts/bundle-entries.mjs). */
declare const ERRORWEAVE_TRANSFORMER_HASH: string | undefined

/** A hash of our own transformer code and the versions of what shapes its output. */
function versionOfWeaver(): string {
  const transformer = typeof ERRORWEAVE_TRANSFORMER_HASH === 'string' ? ERRORWEAVE_TRANSFORMER_HASH : hashOfTransformer(path.dirname(path.dirname(fileURLToPath(import.meta.url))))
  const hash = createHash('sha1').update(transformer)
  hash.update(parserVersion())
  hash.update((createRequire(import.meta.url)('magic-string/package.json') as { version: string }).version)
  return hash.digest('hex').slice(0, 16)
}

/**
 * A hash of the transformer modules under `transformer`, but for the bundler adapters (they
 * do not shape a weave): every entry, bundled or not, then shares one cache version, and a
 * bundled entry reads no file for it (~3 ms of the first weave).
 */
export function hashOfTransformer(transformer: string): string {
  const hash = createHash('sha1')
  for (const file of readdirSync(transformer, { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.[jt]s$/.test(file) && !file.endsWith('.d.ts') && !file.startsWith(`bundlers${path.sep}`)) hash.update(file).update(readFileSync(path.join(transformer, file)))
  }
  return hash.digest('hex')
}

function readPack(file: string): Pack {
  try {
    const pack: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (typeof pack === 'object' && pack !== null && !Array.isArray(pack)) return pack as Pack
  } catch {
    // Not written yet, or damaged: this build writes it anew.
  }
  return {}
}

/** Packs of an earlier errorweave or oxc-parser are never read again. */
function removeOtherVersions(weaves: string, version: string): void {
  try {
    for (const name of readdirSync(weaves)) if (!name.startsWith(`${version}-`)) rmSync(path.join(weaves, name), { force: true })
  } catch {
    // Nothing to tidy.
  }
}
