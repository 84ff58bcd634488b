import { readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload } from 'node:module'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StackFrame } from './stack.js'

interface LoadedMap {
  map: SourceMap
  /** Where the map's `sources` are relative to. */
  base: string
}

const MAX_CACHED = 64
const MAX_FILE_BYTES = 16 * 1024 * 1024
const cache = new Map<string, LoadedMap | null>()

/**
 * A stack frame in original coordinates when the built file has a source map (a
 * `//# sourceMappingURL=` comment, inline or a file), else as is; paths relative to
 * the working directory. Node only; runs while a report is built, never in a catch.
 */
export function mapFrame(frame: StackFrame): StackFrame {
  try {
    const path = frame.file.startsWith('file:') ? fileURLToPath(frame.file) : frame.file
    if (!isAbsolute(path)) return frame
    const loaded = mapOf(path)
    const entry = loaded?.map.findEntry(frame.line - 1, frame.column - 1) as
      | { generatedLine?: number; originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined
    if (loaded && entry?.originalSource && entry.generatedLine === frame.line - 1) {
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : resolve(loaded.base, entry.originalSource)
      return { function: frame.function, file: display(source), line: entry.originalLine! + 1, column: entry.originalColumn! + 1 }
    }
    return { ...frame, file: display(path) }
  } catch {
    return frame
  }
}

function mapOf(file: string): LoadedMap | null {
  if (cache.has(file)) return cache.get(file)!
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
  let loaded: LoadedMap | null = null
  try {
    loaded = load(file)
  } catch {
    loaded = null
  }
  cache.set(file, loaded)
  return loaded
}

function load(file: string): LoadedMap | null {
  const code = readBounded(file)
  const url = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(code.slice(-4096).trimEnd())?.[1]
  if (!url) return null
  const inline = /^data:application\/json(?:;charset=[\w-]+)?;base64,(.*)$/.exec(url)
  if (inline) return withBase(Buffer.from(inline[1], 'base64').toString('utf8'), dirname(file))
  const mapFile = url.startsWith('file:') ? fileURLToPath(url) : resolve(dirname(file), decodeURIComponent(url))
  return withBase(readBounded(mapFile), dirname(mapFile))
}

function withBase(json: string, directory: string): LoadedMap {
  const payload = JSON.parse(json) as SourceMapPayload
  return { map: new SourceMap(payload), base: resolve(directory, payload.sourceRoot || '') }
}

function readBounded(file: string): string {
  const buffer = readFileSync(file)
  if (buffer.length > MAX_FILE_BYTES) throw new Error('too large')
  return buffer.toString('utf8')
}

function display(path: string): string {
  const fromCwd = relative(process.cwd(), path)
  const inside = fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd)
  return (inside ? fromCwd : path).split(sep).join('/')
}
