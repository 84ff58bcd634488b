/**
 * Child process: how long loading TypeScript takes in a fresh process, as the plugin
 * does it (`import`, which makes Node scan the 9 MB CommonJS file for its exports)
 * or through `createRequire`. `node load-typescript.mjs <import|require>`
 */
import { createRequire } from 'node:module'
import { reply } from '../lib/child.mjs'

const how = process.argv[2]
const started = performance.now()
if (how === 'import') await import('typescript')
else createRequire(import.meta.url)('typescript')
reply({ how, ms: performance.now() - started })
