import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const BENCH = path.join(ROOT, 'bench')
/** Generated code lives under .tmp (gitignored), where `errorweave` resolves to dist/. */
export const WORK = path.join(ROOT, '.tmp', 'bench')
export const NODE24 = path.join(ROOT, '.tmp', 'node24', 'node_modules', '.bin', 'node')
