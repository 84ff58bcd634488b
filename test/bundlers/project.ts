import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../..')
export const FIXTURE = path.join(__dirname, 'fixture-app')

/** Where TypeScript + ts-patch for the `tspc` entry live (e.g. TypeScript 6 + ts-patch 4 later). */
export const TSPATCH_DIR = path.resolve(process.env.ERRORWEAVE_TSPATCH_DIR ?? ROOT)

export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs a child process with the test runner's own variables removed, so it behaves like a user's shell. */
export function runProcess(command: string, args: string[], cwd: string): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const key of Object.keys(env)) {
    if (/^(VITEST|ERROR_MONITOR_)|^(NODE_OPTIONS|NODE_ENV|FORCE_COLOR|TEST)$/.test(key)) delete env[key]
  }
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }))
  })
}

const BUNDLERS_TMP = path.join(ROOT, '.tmp', 'bundlers')

/**
 * A fresh copy of the fixture app in .tmp/bundlers/<name>-<pid>, set up as a user's
 * project whose own `typescript` is 7 (the native compiler, no JS API): the bundler
 * entries must parse with errorweave's own TypeScript. Remove it with removeProject.
 */
export async function prepareProject(name: string): Promise<string> {
  const dir = path.join(BUNDLERS_TMP, `${name}-${process.pid}`)
  removeProject(dir)
  cpSync(FIXTURE, dir, { recursive: true })
  symlinkSync(await sharedModules(), path.join(dir, 'node_modules'), 'dir')
  return dir
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * The node_modules every fixture copy links to: the fixture's package.json installed
 * once from the npm registry (typescript@7), plus errorweave linked in as a dependency.
 */
async function sharedModules(): Promise<string> {
  const dir = path.join(BUNDLERS_TMP, 'typescript7')
  const modules = path.join(dir, 'node_modules')
  if (!projectTypeScriptVersion(dir)?.startsWith('7.')) {
    mkdirSync(dir, { recursive: true })
    cpSync(path.join(FIXTURE, 'package.json'), path.join(dir, 'package.json'))
    const npm = await runProcess('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], dir)
    if (npm.code !== 0) throw new Error(`npm install in ${dir} failed:\n${npm.stderr}`)
  }
  // npm prunes links it does not know, so errorweave is linked after any install.
  const link = path.join(modules, 'errorweave')
  if (!existsSync(link)) symlinkSync(ROOT, link, 'dir')
  return modules
}

/** The version of `typescript` as the project itself resolves it, or undefined when it has none. */
export function projectTypeScriptVersion(dir: string): string | undefined {
  try {
    const manifest = createRequire(path.join(dir, 'package.json')).resolve('typescript/package.json')
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
  } catch {
    return undefined
  }
}

/** Runs tasks at most `limit` at a time (the machine has 2 cores). */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** 1-based line and column of the first `snippet` in a fixture file (after the first `after`, if given). */
export function position(file: string, snippet: string, after = ''): { line: number; column: number } {
  const text = readFileSync(path.join(FIXTURE, file), 'utf8')
  const start = after ? text.indexOf(after) : 0
  const offset = start < 0 ? -1 : text.indexOf(snippet, start)
  if (offset < 0) throw new Error(`'${snippet}' is not in ${file}${after ? ` after '${after}'` : ''}`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1].length + 1 }
}

export interface Frame {
  function: string | null
  file: string
  line: number
  column: number
}

/** The V8 frames that have a location, in order. */
export function parseFrames(stack: string): Frame[] {
  const frames: Frame[] = []
  for (const line of stack.split('\n')) {
    const match = /^\s+at (?:(?:async )?(.+?) \()?(.+):(\d+):(\d+)\)?$/.exec(line)
    if (match) frames.push({ function: match[1] ?? null, file: match[2], line: Number(match[3]), column: Number(match[4]) })
  }
  return frames
}
