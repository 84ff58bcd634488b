import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { compile, TMP } from '../../helpers/weave.js'

export const RUNTIME_TMP = path.join(TMP, 'runtime')

/** Weaves a TypeScript module (text emitter) and writes it under .tmp, where 'errorweave' resolves. */
export function writeWovenModule(name: string, code: string, sourceName = `src/${name}.ts`): string {
  mkdirSync(RUNTIME_TMP, { recursive: true })
  const file = path.join(RUNTIME_TMP, `${name}-${process.pid}.mjs`)
  writeFileSync(file, compile(code, 'text', { compilerOptions: { experimentalDecorators: true } }, sourceName))
  return file
}

export interface Finished {
  code: number | null
  /** The signal that ended it, if one did. */
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Killed by the guard below instead of ending by itself. */
  hung: boolean
  /** From spawn to exit. */
  elapsedMs: number
}

/**
 * Each child spools into a folder of its own unless a test names one (tests of the spool share
 * theirs on purpose): a shared default let a child find what an earlier test, or the previous CI
 * leg, left for a destination on the same port, and say so in warnings its test did not expect.
 * Under .tmp, so test runs leave nothing in the OS temp dir.
 */
const TEST_SPOOLS = path.join(RUNTIME_TMP, 'spool', String(process.pid))
let children = 0

export interface RunOptions {
  env?: Record<string, string | undefined>
  args?: string[]
  nodeArgs?: string[]
  guardMs?: number
  cwd?: string
  /** Called once the child runs (to signal it, for instance). */
  onSpawn?: (child: ChildProcess) => void
}

/** Runs `node file ...args` and waits; a process still alive after `guardMs` is killed and marked hung. */
export function runNode(file: string, options: RunOptions = {}): Promise<Finished> {
  const started = Date.now()
  const env: Record<string, string | undefined> = { ...process.env }
  for (const key of Object.keys(env)) if (key.startsWith('ERROR_MONITOR_') || key === 'NODE_EXTRA_CA_CERTS' || key === 'NODE_OPTIONS') delete env[key]
  env.ERROR_MONITOR_SPOOL_DIR = path.join(TEST_SPOOLS, String(++children))
  Object.assign(env, options.env)
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...(options.args ?? [])], { env, cwd: options.cwd ?? RUNTIME_TMP, stdio: ['ignore', 'pipe', 'pipe'] })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  let hung = false
  const guard = setTimeout(() => {
    hung = true
    child.kill('SIGKILL')
  }, options.guardMs ?? 20_000)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      resolve({ code, signal, stdout, stderr, hung, elapsedMs: Date.now() - started })
    })
  })
}

/** The lines a child printed as `TAG {json}`. */
export function tagged<T = Record<string, unknown>>(output: string, tag: string): T[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(`${tag} `))
    .map((line) => JSON.parse(line.slice(tag.length + 1)) as T)
}

export function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('errorweave:'))
}
