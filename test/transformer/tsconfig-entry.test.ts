import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildCommand } from '../bundlers/app.js'
import { prepareProject, projectTypeScriptVersion, removeProject, runProcess } from '../bundlers/project.js'

// A project whose own `typescript` is 7.x from the npm registry (installed once under .tmp/bundlers).
let project = ''

beforeAll(async () => {
  project = await prepareProject('tsconfig-entry')
})

afterAll(() => {
  if (project) removeProject(project)
})

test('under TypeScript 7 the tsconfig entry says in one line that it needs TypeScript 5 or 6', async () => {
  const version = projectTypeScriptVersion(project)
  expect(version).toMatch(/^7\./)
  // What a host such as ts-patch does: load the entry and call it with the project's compiler.
  const host = `import transformer from 'errorweave/transformer'
try {
  transformer(undefined, {})
  console.log('no complaint')
} catch (error) {
  console.log(JSON.stringify(error.message))
}`
  const run = await runProcess(process.execPath, ['--input-type=module', '-e', host], project)
  expect(run.stderr).toBe('')
  expect(JSON.parse(run.stdout)).toBe(
    `errorweave: errorweave/transformer needs TypeScript 5 or 6, found ${version}; pin it with npm install -D typescript@5 ts-patch@3, or take a bundler entry such as errorweave/vite`,
  )
})

test('a misspelled option in tsconfig gets one warning naming the closest valid key; ts-patch keys get none', async () => {
  mkdirSync(path.join(project, 'misspelled'))
  writeFileSync(path.join(project, 'misspelled/parse.ts'), '/** @ErrorMonitor */\nexport function parse(text: string) {\n  return JSON.parse(text)\n}\n')
  const tsconfig = {
    extends: './tsconfig.json',
    compilerOptions: {
      rootDir: 'misspelled',
      outDir: 'out/misspelled',
      plugins: [{ transform: 'errorweave/transformer', after: false, monitorall: true, futureCalls: { maxdepth: 2 } }],
    },
    include: ['misspelled'],
  }
  writeFileSync(path.join(project, 'tsconfig.misspelled.json'), JSON.stringify(tsconfig))
  const [command, args] = buildCommand('tspc', 'tsconfig.misspelled.json', 'out/misspelled')
  const build = await runProcess(command, args, project)
  expect(build.code, build.stdout + build.stderr).toBe(0)
  expect(`${build.stdout}${build.stderr}`.split('\n').filter((line) => line.includes('errorweave'))).toEqual([
    "errorweave: unknown option 'monitorall' is ignored; did you mean 'monitorAll'?",
    "errorweave: unknown option 'futureCalls.maxdepth' is ignored; did you mean 'futureCalls.maxDepth'?",
  ])
  expect(readFileSync(path.join(project, 'out/misspelled/parse.js'), 'utf8')).toMatch(/capture\(/)
})
