import path from 'node:path'
import { expect, test } from 'vitest'
import { relativeFile } from '../../src/transformer/text/weave-file.js'

/** What relativeFile must return in every case: path.relative with '/' separators, for a file id without its query. */
const expected = (fileName: string, root: string) => {
  const clean = fileName.replace(/[?#].*$/, '')
  return (path.isAbsolute(clean) ? path.relative(root, clean) : clean).split(path.sep).join('/')
}

test.each([
  ['/work/app/src/index.ts', '/work/app'],
  ['/work/app/src/deep/a.b.ts?v=3', '/work/app'],
  ['/work/app/src/.hidden/x.ts', '/work/app'],
  ['/work/app/src/../lib/x.ts', '/work/app'],
  ['/work/app/src/./x.ts', '/work/app'],
  ['/work/app//src/x.ts', '/work/app'],
  ['/work/app/src/x.ts', '/work/app/'],
  ['/work/app/src/x.ts', '/work/app/./'],
  ['/work/app-other/x.ts', '/work/app'],
  ['/work/other/x.ts', '/work/app'],
  ['/work/app', '/work/app'],
  ['/work/app/x.ts', '/'],
  ['src/x.ts', '/work/app'],
  ['app/src/x.ts', 'app'],
  ['/work/app/src/x.ts', 'app'],
])('relativeFile(%s, %s) is path.relative with / separators', (fileName, root) => {
  expect(relativeFile(fileName, root)).toBe(expected(fileName, root))
  // Again: the answer does not depend on earlier calls.
  expect(relativeFile(fileName, root)).toBe(expected(fileName, root))
})
