/**
 * Child process: how long loading a parser takes in a fresh process: TypeScript by
 * `import` (Node scans the 9 MB CommonJS file for its exports) or by `createRequire`,
 * or oxc-parser as the plugin loads it (`parser`).
 * `node load-typescript.mjs <import|require|parser>`
 */
import { createRequire } from 'node:module'
import { reply } from '../lib/child.mjs'

const how = process.argv[2]
// The plugin's loader is imported before the clock starts: only the parser is timed.
const { loadParser } = await import('../../dist/transformer/text/load-parser.js')
const started = performance.now()
if (how === 'import') await import('typescript')
else if (how === 'require') createRequire(import.meta.url)('typescript')
else loadParser()
reply({ how, ms: performance.now() - started })
