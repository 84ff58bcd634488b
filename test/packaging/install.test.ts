import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROOT, runProcess } from '../bundlers/project.js'
import { startServer, type TestServer } from '../runtime/helpers/servers.js'

/** `npm install --omit=dev errorweave` may take at most this much disk (issue 13). */
const INSTALL_BOUND_BYTES = 5_000_000
/** What the README's quick starts tell a bundler user and a tsc user to add at build time. */
const BUNDLER_BUILD_DEPENDENCIES = ['oxc-parser']
const TSCONFIG_BUILD_DEPENDENCIES = ['typescript@5', 'ts-patch@3', 'oxc-parser']
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types?: string }>
  types: string
  typesVersions: Record<string, Record<string, string[]>>
  devDependencies: Record<string, string>
}

// Fresh projects live outside the repository, so nothing resolves from its node_modules.
let work = ''
let tarball = ''
let server: TestServer

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'errorweave-install-'))
  const pack = await runProcess('npm', ['pack', '--json', '--pack-destination', work], ROOT)
  expect(pack.code, pack.stderr).toBe(0)
  tarball = path.join(work, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0].filename)
  server = await startServer(() => ({ status: 200 }))
})

afterAll(async () => {
  await server?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

/** A new project folder with these files; package.json is CommonJS unless `type` says otherwise. */
function freshProject(name: string, files: Record<string, string>, type?: 'module'): string {
  const dir = path.join(work, name)
  mkdirSync(dir)
  for (const [file, text] of Object.entries({ ...files, 'package.json': JSON.stringify({ name, private: true, type }) })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  return dir
}

async function npmInstall(dir: string, ...args: string[]): Promise<void> {
  const install = await runProcess('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...args], dir)
  expect(install.code, install.stderr).toBe(0)
}

/** Like `du`: the blocks every file, folder and link takes. */
function diskUsage(target: string): number {
  const stat = lstatSync(target)
  const own = stat.blocks * 512
  if (!stat.isDirectory()) return own
  return readdirSync(target).reduce((sum, name) => sum + diskUsage(path.join(target, name)), own)
}

/** Reports the collector got from one process, told apart by their `service`. */
const reportsOf = (service: string) => server.received.filter((request) => request.json?.service === service).map((request) => request.json)

const configureLine = (service: string) => `configure({ serverUrl: ${JSON.stringify(server.url)}, service: '${service}' })`

test('the package.json types reach every entry under moduleResolution node10 too (typesVersions)', () => {
  const entries = Object.entries(MANIFEST.exports).filter(([, target]) => typeof target === 'object' && target.types)
  expect(MANIFEST.types).toBe((MANIFEST.exports['.'] as { types: string }).types)
  const expected = Object.fromEntries(entries.filter(([subpath]) => subpath !== '.').map(([subpath, target]) => [subpath.slice(2), [(target as { types: string }).types]]))
  expect(MANIFEST.typesVersions).toEqual({ '*': expected })
})

test('npm install --omit=dev takes at most 5 MB, without TypeScript or oxc-parser, and the runtime reports from there', async () => {
  const dir = freshProject(
    'runtime-only',
    {
      'report.mjs': `import { ErrorMonitor, configure, flush } from 'errorweave'
${configureLine('slim-runtime')}
class Billing {
  charge() {
    throw new Error('card declined')
  }
}
ErrorMonitor(Billing)
try {
  new Billing().charge()
} catch {}
await flush()
`,
    },
    'module',
  )
  await npmInstall(dir, '--omit=dev', tarball)
  const modules = path.join(dir, 'node_modules')
  const installed = readdirSync(modules).filter((name) => !name.startsWith('.'))
  expect(installed).toContain('errorweave')
  expect(installed).not.toContain('typescript')
  expect(installed).not.toContain('oxc-parser')
  const bytes = diskUsage(modules)
  expect(bytes, `${(bytes / 1e6).toFixed(2)} MB on disk`).toBeLessThanOrEqual(INSTALL_BOUND_BYTES)

  const run = await runProcess(process.execPath, ['report.mjs'], dir)
  expect(run.code, run.stderr).toBe(0)
  expect(reportsOf('slim-runtime')).toMatchObject([{ class: 'Billing', method: 'charge', message: 'Error: card declined', woven: false }])
})

/** An app whose annotated `charge` fails once and reports it under `tag`. */
const chargeApp = (tag: string, annotation: string) => `import { configure, flush } from 'errorweave'
${configureLine(tag)}

/** ${annotation} */
function charge(cents: number): number {
  if (cents > 100) throw new Error('card declined')
  return cents
}

try {
  charge(500)
} catch {}
await flush()
`

test('a bundler entry without its build dependency fails in one line naming it; with it installed as documented, it builds', async () => {
  const dir = freshProject(
    'esbuild-app',
    {
      'src/app.ts': chargeApp('slim-esbuild', "@ErrorMonitor({ severity: 'WARN' })"),
      'build.mjs': `import { build } from 'esbuild'
import errorweave from 'errorweave/esbuild'
await build({ entryPoints: ['src/app.ts'], bundle: true, platform: 'node', format: 'esm', outdir: 'out', plugins: [errorweave()], logLevel: 'silent' })
`,
    },
    'module',
  )
  await npmInstall(dir, tarball)
  await npmInstall(dir, '-D', `esbuild@${MANIFEST.devDependencies.esbuild}`)
  const without = await runProcess(process.execPath, ['build.mjs'], dir)
  expect(without.code).not.toBe(0)
  const complaint = without.stderr.split('\n').find((line) => line.includes('errorweave: '))
  expect(complaint).toContain(`npm install -D ${BUNDLER_BUILD_DEPENDENCIES.join(' ')}`)

  await npmInstall(dir, '-D', ...BUNDLER_BUILD_DEPENDENCIES)
  const build = await runProcess(process.execPath, ['build.mjs'], dir)
  expect(build.code, build.stderr).toBe(0)
  const run = await runProcess(process.execPath, ['out/app.js'], dir)
  expect(run.code, run.stderr).toBe(0)
  expect(reportsOf('slim-esbuild')).toMatchObject([
    { method: 'charge', message: 'Error: card declined', severity: 'WARN', woven: true, file: 'src/app.ts', line: 6 },
  ])
})

test("in a workspace whose oxc-parser is the app's, not beside the hoisted errorweave, the bundler entry finds it and keeps its weave cache", async () => {
  const root = freshProject('workspace', {})
  await npmInstall(root, '--omit=dev', tarball)
  const app = path.join(root, 'app')
  mkdirSync(path.join(app, 'src'), { recursive: true })
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
  writeFileSync(path.join(app, 'src/app.ts'), '/** @ErrorMonitor */\nexport function parse(text: string) {\n  return JSON.parse(text)\n}\n')
  writeFileSync(
    path.join(app, 'build.mjs'),
    `import { build } from 'esbuild'
import errorweave from 'errorweave/esbuild'
await build({ entryPoints: ['src/app.ts'], outdir: 'out', plugins: [errorweave()], logLevel: 'silent' })
`,
  )
  await npmInstall(app, '-D', `esbuild@${MANIFEST.devDependencies.esbuild}`, ...BUNDLER_BUILD_DEPENDENCIES)
  expect(readdirSync(path.join(root, 'node_modules'))).not.toContain('oxc-parser')
  const build = await runProcess(process.execPath, ['build.mjs'], app)
  expect(build.code, build.stderr).toBe(0)
  expect(readFileSync(path.join(app, 'out/app.js'), 'utf8')).toMatch(/capture\(/)
  expect(readdirSync(path.join(app, 'node_modules/.cache/errorweave/weave'))).toHaveLength(1)
})

test("the README's quick starts install exactly what these tests install", () => {
  for (const dependencies of [BUNDLER_BUILD_DEPENDENCIES, TSCONFIG_BUILD_DEPENDENCIES]) {
    expect(README).toMatch(new RegExp(`\`\`\`sh\nnpm install errorweave\nnpm install -D ${dependencies.join(' ')}(?: +#|\\n)`))
  }
})

test('the tsconfig quick start: with the documented TypeScript and ts-patch, tspc weaves and the output reports', async () => {
  const dir = freshProject(
    'tspc-app',
    {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: [], outDir: 'out', plugins: [{ transform: 'errorweave/transformer' }] },
        include: ['src'],
      }),
      'src/app.ts': chargeApp('slim-tspc', '@ErrorMonitor'),
    },
    'module',
  )
  await npmInstall(dir, tarball)
  await npmInstall(dir, '-D', ...TSCONFIG_BUILD_DEPENDENCIES)
  const build = await runProcess(process.execPath, ['node_modules/.bin/tspc'], dir)
  expect(build, 'tspc').toMatchObject({ code: 0, stdout: '', stderr: '' })
  const run = await runProcess(process.execPath, ['out/app.js'], dir)
  expect(run.code, run.stderr).toBe(0)
  expect(reportsOf('slim-tspc')).toMatchObject([{ method: 'charge', message: 'Error: card declined', woven: true, file: 'src/app.ts', line: 6 }])
})

test('a moduleResolution node10 CommonJS project type-checks against errorweave, and its output reports', async () => {
  const dir = freshProject('node10-cjs', {
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node10',
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        experimentalDecorators: true,
        types: [],
        outDir: 'out',
      },
      include: ['src'],
    }),
    'src/index.ts': `import { ErrorMonitor, Severity, configure, flush, type Report } from 'errorweave'
import transformer, { type ErrorWeaveOptions } from 'errorweave/transformer'
import vite from 'errorweave/vite'

${configureLine('slim-node10')}
const options: ErrorWeaveOptions = { monitorAll: false }
const entries: Array<(...args: never[]) => unknown> = [transformer, vite]
const kinds: Array<Report['severity']> = [Severity.WARN]

class Billing {
  @ErrorMonitor({ severity: Severity.WARN })
  charge(): number {
    throw new Error('card declined')
  }
}

try {
  new Billing().charge()
} catch {}
flush().then(() => console.log(entries.length, kinds.length, options.monitorAll))
`,
  })
  await npmInstall(dir, tarball)
  await npmInstall(dir, '-D', 'typescript@5')
  const check = await runProcess(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], dir)
  expect(check, 'tsc').toMatchObject({ code: 0, stdout: '' })
  const run = await runProcess(process.execPath, ['out/index.js'], dir)
  expect(run.code, run.stderr).toBe(0)
  expect(run.stdout).toBe('2 1 false\n')
  expect(reportsOf('slim-node10')).toMatchObject([{ class: 'Billing', method: 'charge', severity: 'WARN', woven: false }])
})
