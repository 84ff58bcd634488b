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
let parseOverRaw: ParseSync | undefined

/** A parse built from oxc-parser's exported parts; its own parseSync where this version lays them out otherwise. */
function fromParts(build: (require: NodeJS.Require) => ParseSync | undefined): ParseSync {
  try {
    const parse = build(found ?? parserRequire())
    if (parse) return parse
  } catch {
    // Laid out otherwise in this version: its public entry does the same, only slower.
  }
  return loadParser().parseSync
}

/**
 * oxc-parser's parseSync over its JSON transfer (no raw transfer: Node < 22), without the
 * module record (imports and exports as objects) that its own parseSync always builds and
 * weaving never reads: 21 of 183 ms of parsing 500 files here.
 */
export function loadParseOverJson(): ParseSync {
  return (parseOverJson ??= fromParts((require) => {
    const { parseSync } = require('oxc-parser/src-js/bindings') as { parseSync?: ParseSync }
    const { jsonParseAst } = require('oxc-parser/src-js/wrap') as { jsonParseAst?: (json: unknown) => Oxc.Program }
    if (typeof parseSync !== 'function' || typeof jsonParseAst !== 'function') return undefined
    return (fileName, code, options) => {
      const { program, comments, errors } = parseSync(fileName, code, options)
      return { program: jsonParseAst(program), comments, errors } as ReturnType<ParseSync>
    }
  }))
}

/**
 * oxc-parser's parseSync over raw transfer (Node >= 22), returning the deserialized tree as
 * plain objects. Its own parseSync returns an object with getters over it, and V8 keeps what
 * such getters close over (the whole young tree) alive through every scavenge until the next
 * full GC: parsing hono on Node 24 paused 11.0 ms a pass in scavenges, 1.7 through these
 * parts, and a warm weave pass took 60 against 42 ms of CPU (see docs/decisions.md).
 */
export function loadParseOverRaw(): ParseSync {
  return (parseOverRaw ??= fromParts((require) => {
    type Buffer = Uint8Array & { block: Uint8Array }
    const { prepareRaw, isJsAst, returnBufferToCache } = require('oxc-parser/src-js/raw-transfer/common') as {
      prepareRaw?: (code: string) => { buffer: Buffer; sourceStartPos: number; sourceByteLen: number }
      isJsAst?: (buffer: Buffer) => boolean
      returnBufferToCache?: (buffer: Buffer) => void
    }
    const { parseRawSync } = require('oxc-parser/src-js/bindings') as { parseRawSync?: (...args: unknown[]) => void }
    type Deserialize = (buffer: Buffer, code: string, sourceStartPos: number, sourceByteLen: number) => ReturnType<ParseSync>
    const js = (require('oxc-parser/src-js/generated/deserialize/js') as { deserialize?: Deserialize }).deserialize
    const ts = (require('oxc-parser/src-js/generated/deserialize/ts') as { deserialize?: Deserialize }).deserialize
    if (!prepareRaw || !isJsAst || !returnBufferToCache || !parseRawSync || !js || !ts) return undefined
    return (fileName, code, options) => {
      const { buffer, sourceStartPos, sourceByteLen } = prepareRaw(code)
      parseRawSync(fileName, buffer.block, sourceStartPos, sourceByteLen, options)
      const isJs = isJsAst(buffer)
      const result = (isJs ? js : ts)(buffer, code, sourceStartPos, sourceByteLen)
      returnBufferToCache(buffer)
      // As oxc's own parseSync: a JavaScript tree lists its hashbang among the comments.
      const hashbang = result.program.hashbang
      if (isJs && hashbang) result.comments.unshift({ type: 'Line', value: hashbang.value, start: hashbang.start, end: hashbang.end })
      return result
    }
  }))
}
