import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const SRC = path.resolve('src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Every relative import or re-export, type-only ones included: a cycle of types is still a tangle. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((match) => match[1] ?? match[2])
  return targets.map((target) => path.resolve(path.dirname(file), target.replace(/\.js$/, '.ts')))
}

/** The nodes of each cycle a depth-first walk meets (empty when there are none). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const trail: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    trail.push(node)
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push(trail.slice(trail.indexOf(next)))
      else if (!state.has(next)) visit(next)
    }
    trail.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return found
}

describe('source layout', () => {
  test('no two files under src import each other in a circle', () => {
    const graph = new Map(sourceFiles(SRC).map((file) => [path.relative(SRC, file), importsOf(file).map((target) => path.relative(SRC, target))]))
    expect(graph.size).toBeGreaterThan(20)
    expect(cycles(graph)).toEqual([])
  })

  test('the cycle finder names the files of a cycle', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])
    expect(cycles(graph)).toEqual([['a', 'b', 'c']])
  })

  test('the runtime keeps one folder per concern: only its two entries stand at its top', () => {
    const top = readdirSync(path.join(SRC, 'runtime'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name)
    expect(top.sort()).toEqual(['index.ts', 'node.ts'])
  })
})
