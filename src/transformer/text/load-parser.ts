import { createRequire } from 'node:module'
import path from 'node:path'
import type * as Oxc from 'oxc-parser'

export type OxcParser = typeof Oxc

let parser: OxcParser | undefined
let found: NodeJS.Require | undefined

/**
 * oxc-parser is an optional peer dependency (6 MB that an app running only the runtime should
 * not install), found beside errorweave or else in the project (a workspace app whose dev
 * dependencies are not hoisted next to errorweave).
 */
function parserRequire(): NodeJS.Require {
  for (const require of [createRequire(import.meta.url), createRequire(path.join(process.cwd(), 'package.json'))]) {
    try {
      require.resolve('oxc-parser')
      return (found ??= require)
    } catch {
      // Not there: look in the next place.
    }
  }
  throw new Error('errorweave: weaving needs oxc-parser, found none; install it with npm install -D oxc-parser')
}

/** oxc-parser, loaded on the first file that needs a parse: a build without annotations never pays for it. */
export function loadParser(): OxcParser {
  return (parser ??= (found ?? parserRequire())('oxc-parser') as OxcParser)
}

/** The version weaving parses with, read without loading the parser (the weave cache's key). */
export function parserVersion(): string {
  try {
    return ((found ?? parserRequire())('oxc-parser/package.json') as { version: string }).version
  } catch {
    return 'no oxc-parser'
  }
}

type ParseSync = OxcParser['parseSync']
let parseOverJson: ParseSync | undefined

/**
 * oxc-parser's parseSync over its JSON transfer (no raw transfer: Node < 22), without the
 * module record (imports and exports as objects) that its own parseSync always builds and
 * weaving never reads: 21 of 183 ms of parsing 500 files here. Where this oxc-parser's
 * parts (both in its package exports) are not as expected, its own parseSync.
 */
export function loadParseOverJson(): ParseSync {
  if (parseOverJson) return parseOverJson
  const require = found ?? parserRequire()
  try {
    const { parseSync } = require('oxc-parser/src-js/bindings') as { parseSync?: ParseSync }
    const { jsonParseAst } = require('oxc-parser/src-js/wrap') as { jsonParseAst?: (json: unknown) => Oxc.Program }
    if (typeof parseSync === 'function' && typeof jsonParseAst === 'function') {
      return (parseOverJson = (fileName, code, options) => {
        const { program, comments, errors } = parseSync(fileName, code, options)
        return { program: jsonParseAst(program), comments, errors } as ReturnType<ParseSync>
      })
    }
  } catch {
    // Laid out otherwise in this version: its public entry does the same, module record included.
  }
  return (parseOverJson = loadParser().parseSync)
}
