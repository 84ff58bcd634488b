import { createRequire } from 'node:module'
import path from 'node:path'
// Node's timers, which unref: Deno's global setTimeout returns a number.
import { setTimeout } from 'node:timers'
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

/**
 * A parse built from oxc-parser's exported parts; where this version lays them out otherwise,
 * its own parseSync over JSON, which gives the same tree, only slower.
 */
function fromParts(build: (require: NodeJS.Require) => ParseSync | undefined): ParseSync {
  try {
    const parse = build(found ?? parserRequire())
    if (parse) return parse
  } catch {
    // Laid out otherwise in this version.
  }
  const { parseSync } = loadParser()
  return (fileName, code, options) => parseSync(fileName, code, { ...options, experimentalRawTransfer: false } as typeof options)
}

/**
 * oxc-parser's parseSync over its JSON transfer (JavaScript's first MB; where raw transfer does not work), without the
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

/** The parts of oxc-parser that raw transfer takes, as this version lays them out. */
interface RawParts {
  parseRawSync: (fileName: string, block: Uint8Array, sourceStartPos: number, sourceByteLen: number, options: unknown) => void
  getBufferOffset: (buffer: Uint8Array) => number
  constants: { BLOCK_SIZE: number; BLOCK_ALIGN: number; BUFFER_SIZE: number; ACTIVE_SIZE: number; IS_TS_FLAG_POS: number }
}
type RawBuffer = Uint8Array<SharedArrayBuffer> & { int32: Int32Array; float64: Float64Array; block: Uint8Array }
type Deserialize = (buffer: RawBuffer, code: string, sourceStartPos: number, sourceByteLen: number) => ReturnType<ParseSync>

/**
 * Whether raw transfer can run here: oxc's native side (64-bit, little-endian) under Node
 * (not Bun). oxc's own check also asks for Node 22 because it views its whole 6 GiB buffer
 * at once, which Node 20's typed arrays cannot (4 GiB at most); takeRawBuffer views only the
 * block it uses, so Node 20 parses over raw transfer too (the same trees as over JSON).
 */
export function rawTransferWorks(): boolean {
  if (process.versions.bun !== undefined) return false
  try {
    const { rawTransferSupported } = (found ?? parserRequire())('oxc-parser/src-js/bindings') as { rawTransferSupported?: () => boolean }
    return rawTransferSupported?.() === true
  } catch {
    return false
  }
}

let rawBuffer: RawBuffer | undefined
/** Parses over the buffer so far: the release timer checks it instead of being re-armed by every parse (~2 ms of a hono build). */
let rawBufferUses = 0
let releaseTimer: NodeJS.Timeout | undefined
/** After 10-20 s without a parse, the buffer (and the pages its trees touched) is let go, as oxc does after 10. */
const BUFFER_KEPT_MS = 10_000
/** Set once raw transfer failed here (no 6 GiB of address space: `ulimit -v`, strict overcommit; an oxc-parser that parses otherwise): parses then go over JSON. */
let rawTransferFailed = false

/**
 * A 2 GiB block aligned on 4 GiB inside 6 GiB of address space (only virtual memory until
 * written), as oxc's Rust side expects; undefined where the address space is refused. Shared
 * memory: V8 counts an ArrayBuffer's 6 GiB as external memory and answers with a full
 * mark-compact (15 ms in a Vite build on Node 20, 9 on Node 24); a SharedArrayBuffer it does not.
 */
function takeRawBuffer({ getBufferOffset, constants }: RawParts): RawBuffer | undefined {
  if (rawTransferFailed) return undefined
  rawBufferUses++
  releaseTimer ??= releaseWhenIdle(rawBufferUses)
  if (rawBuffer) return rawBuffer
  let whole: SharedArrayBuffer
  try {
    whole = new SharedArrayBuffer(constants.BLOCK_SIZE + constants.BLOCK_ALIGN)
  } catch {
    rawTransferFailed = true
    return undefined
  }
  const offset = getBufferOffset(new Uint8Array(whole, 0, 1))
  const buffer = new Uint8Array(whole, offset, constants.BUFFER_SIZE) as RawBuffer
  buffer.int32 = new Int32Array(whole, offset, constants.BUFFER_SIZE / 4)
  buffer.float64 = new Float64Array(whole, offset, constants.BUFFER_SIZE / 8)
  buffer.block = new Uint8Array(whole, offset, constants.BLOCK_SIZE)
  return (rawBuffer = buffer)
}

/** Lets the buffer go once a whole period passes without a parse after `uses`. */
function releaseWhenIdle(uses: number): NodeJS.Timeout {
  return setTimeout(() => {
    releaseTimer = rawBufferUses === uses ? undefined : releaseWhenIdle(rawBufferUses)
    if (!releaseTimer) rawBuffer = undefined
  }, BUFFER_KEPT_MS).unref()
}

const encoder = new TextEncoder()

/**
 * oxc-parser's parseSync over raw transfer (where rawTransferWorks), returning the deserialized
 * tree as plain objects. Its own parseSync returns an object with getters over it, and V8 keeps
 * what such getters close over (the whole young tree) alive through every scavenge until the next
 * full GC: parsing hono on Node 24 paused 11.0 ms a pass in scavenges, 1.7 through these
 * parts, and a warm weave pass took 60 against 42 ms of CPU (see docs/decisions.md).
 */
export function loadParseOverRaw(): ParseSync {
  return (parseOverRaw ??= fromParts((require) => {
    const { parseRawSync, getBufferOffset } = require('oxc-parser/src-js/bindings') as Partial<RawParts>
    const constants = require('oxc-parser/src-js/generated/constants') as RawParts['constants']
    // The deserializers of JavaScript and of TypeScript trees, 170 KB of JavaScript each: found now, loaded when a tree of their kind first comes.
    const modules = { js: require.resolve('oxc-parser/src-js/generated/deserialize/js'), ts: require.resolve('oxc-parser/src-js/generated/deserialize/ts') }
    const deserializers: Partial<Record<'js' | 'ts', Deserialize>> = {}
    const deserializer = (kind: 'js' | 'ts') => (deserializers[kind] ??= (require(modules[kind]) as { deserialize: Deserialize }).deserialize)
    if (!parseRawSync || !getBufferOffset || !(constants.ACTIVE_SIZE > 0)) return undefined
    const parts: RawParts = { parseRawSync, getBufferOffset, constants }
    return (fileName, code, options) => {
      // The source goes at the end of the active region, with room for 3 UTF-8 bytes per UTF-16 unit
      // (TextEncoder writes at most 1 GiB at once).
      const room = code.length * 3
      const buffer = room <= 2 ** 30 ? takeRawBuffer(parts) : undefined
      if (!buffer) return loadParseOverJson()(fileName, code, options)
      const sourceStartPos = constants.ACTIVE_SIZE - room
      const { written } = encoder.encodeInto(code, new Uint8Array(buffer.buffer, buffer.byteOffset + sourceStartPos, room))
      try {
        parseRawSync(fileName, buffer.block, sourceStartPos, written, options)
        const isJs = buffer[constants.IS_TS_FLAG_POS] === 0
        const result = deserializer(isJs ? 'js' : 'ts')(buffer, code, sourceStartPos, written)
        // As oxc's own parseSync: a JavaScript tree lists its hashbang among the comments.
        const hashbang = result.program.hashbang
        if (isJs && hashbang) result.comments.unshift({ type: 'Line', value: hashbang.value, start: hashbang.start, end: hashbang.end })
        return result
      } catch {
        // Not the layout this code reads: JSON from now on, which any version gives alike.
        rawTransferFailed = true
        return loadParseOverJson()(fileName, code, options)
      }
    }
  }))
}
