import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Where a build keeps what it can reuse: `<cwd>/node_modules/.cache/errorweave`, the
 * place bundlers and loaders keep theirs. A directory without node_modules gets none.
 */
export function cacheDirectory(): string | undefined {
  const modules = path.join(process.cwd(), 'node_modules')
  return existsSync(modules) ? path.join(modules, '.cache', 'errorweave') : undefined
}

/**
 * Builds running side by side each write their own file and rename it: a reader never
 * sees half a file. A read-only project only loses the speed-up.
 */
export function writeAtomically(file: string, data: string | NodeJS.ArrayBufferView): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(`${file}.${process.pid}`, data)
    renameSync(`${file}.${process.pid}`, file)
  } catch {
    // Nothing to undo: the next build writes it again.
  }
}
