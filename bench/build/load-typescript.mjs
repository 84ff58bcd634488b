/**
 * Child process: how long loading TypeScript takes in a fresh process: by `import`
 * (Node scans the 9 MB CommonJS file for its exports), by `createRequire`, or as the
 * plugin does it (compiled from the V8 code cache in node_modules/.cache/errorweave).
 * `node load-typescript.mjs <import|require|cached>`
 */
import { createRequire } from 'node:module'
import { reply } from '../lib/child.mjs'

const how = process.argv[2]
// The plugin's loader is imported before the clock starts: only TypeScript is timed.
const { loadTypeScript } = await import('../../dist/transformer/text/load-typescript.js')
const started = performance.now()
if (how === 'import') await import('typescript')
else if (how === 'require') createRequire(import.meta.url)('typescript')
else loadTypeScript()
reply({ how, ms: performance.now() - started })
