/**
 * A synthetic TypeScript project for the build benchmark: `files` modules, each with
 * two interfaces, four exported functions, a class of six members and imports from two
 * earlier modules. The entry keeps every module alive, so no bundler can tree-shake
 * the work away. One function in ten carries `@ErrorMonitor`, laid out either
 * - `spread`: one annotated function or method in every module (every file is parsed), or
 * - `clustered`: every function and method of one module in ten (class-level decorator
 *   plus JSDoc), the other modules untouched.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { installRuntime } from '../lib/runtime.mjs'

const FUNCTIONS = ['helper', 'format', 'total', 'validate']
const METHODS = ['price', 'submit', 'send', 'audit', 'summary', 'create']

export function generateProject(dir, { files = 500, layout = 'spread' } = {}) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(path.join(dir, 'src'), { recursive: true })
  for (let i = 0; i < files; i++) writeFileSync(path.join(dir, 'src', `m${i}.ts`), moduleSource(i, annotations(i, layout)))
  const imports = Array.from({ length: files }, (_, i) => `import * as m${i} from './m${i}'`).join('\n')
  const all = Array.from({ length: files }, (_, i) => `m${i}`).join(', ')
  writeFileSync(path.join(dir, 'src', 'index.ts'), `${imports}\n\n;(globalThis as Record<string, unknown>).modules = [${all}]\n`)
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-project', private: true, type: 'module' }, null, 2))
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      { compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, experimentalDecorators: true }, include: ['src'] },
      null,
      2,
    ),
  )
  installRuntime(dir)
  return dir
}

/** The annotation text before each function, method and the class of module `i`. */
function annotations(i, layout) {
  const none = { imports: '', fn: () => '', method: () => '', cls: '' }
  if (layout === 'clustered') {
    if (i % 10 !== 0) return none
    return { imports: "import { ErrorMonitor } from 'errorweave'\n", fn: () => `/** @ErrorMonitor({ severity: 'WARN' }) */\n`, method: () => '', cls: `@ErrorMonitor({ comment: 'module ${i}' })\n` }
  }
  const slots = [...FUNCTIONS, ...METHODS]
  const slot = slots[i % slots.length]
  return {
    imports: METHODS.includes(slot) ? "import { ErrorMonitor } from 'errorweave'\n" : '',
    fn: (name) => (name === slot ? `/** @ErrorMonitor({ severity: 'WARN' }) */\n` : ''),
    method: (name) => (name === slot ? `@ErrorMonitor({ comment: 'module ${i}' })\n  ` : ''),
    cls: '',
  }
}

function moduleSource(i, { imports: runtimeImport, fn: doc, method: mark, cls }) {
  const deps = i === 0 ? [] : [...new Set([i - 1, i >> 1])]
  const imports = deps.map((d) => `import { helper${d}, Service${d} } from './m${d}'`).join('\n')
  const depCall = deps.length ? deps.map((d) => `helper${d}(base)`).join(' + ') : 'base'
  return `${runtimeImport}${imports}

export interface Item${i} {
  sku: string
  qty: number
  price: number
}

export interface Order${i} {
  id: number
  items: Item${i}[]
  note?: string
}

const RATE_${i} = ${((i % 17) + 1) / 100}

${doc('helper')}export function helper${i}(value: number): number {
  const base = value * RATE_${i}
  if (base > 100) return Math.round(base)
  return ${depCall}
}

${doc('format')}export function format${i}(order: Order${i}): string {
  const parts = order.items.map((item) => \`\${item.sku}x\${item.qty}\`)
  const note = order.note ? \` (\${order.note})\` : ''
  return \`#\${order.id}: \${parts.join(', ')}\${note}\`
}

${doc('total')}export const total${i} = (order: Order${i}): number =>
  order.items.reduce((sum, item) => sum + item.qty * item.price, 0)

${doc('validate')}export function validate${i}(order: Order${i}): string[] {
  const problems: string[] = []
  if (order.items.length === 0) problems.push('empty order')
  for (const item of order.items) {
    if (item.qty <= 0) problems.push(\`\${item.sku}: quantity must be positive\`)
    if (!Number.isFinite(item.price)) problems.push(\`\${item.sku}: bad price\`)
  }
  return problems
}

${cls}export class Service${i} {
  private readonly cache = new Map<number, number>()
  private readonly sent: string[] = []

  constructor(readonly dependency: ${deps.length ? `Service${deps[0]} | null` : 'null'} = null) {}

  ${mark('price')}price(order: Order${i}): number {
    const cached = this.cache.get(order.id)
    if (cached !== undefined) return cached
    const value = total${i}(order) * (1 + RATE_${i})
    this.cache.set(order.id, value)
    return value
  }

  ${mark('submit')}async submit(order: Order${i}): Promise<string> {
    const problems = validate${i}(order)
    if (problems.length > 0) throw new Error(problems.join('; '))
    const receipt = await this.send(order, this.price(order))
    this.audit(receipt)
    return receipt
  }

  ${mark('send')}private async send(order: Order${i}, amount: number): Promise<string> {
    await Promise.resolve()
    return \`\${format${i}(order)} = \${amount.toFixed(2)}\`
  }

  ${mark('audit')}audit(line: string): void {
    if (line.length > 10_000) throw new RangeError('audit line too long')
    this.sent.push(line)
  }

  ${mark('summary')}get summary(): string {
    return \`\${this.sent.length} sent, \${this.cache.size} priced\`
  }

  ${mark('create')}static create(): Service${i} {
    return new Service${i}(${deps.length ? `Service${deps[0]}.create()` : ''})
  }
}
`
}
