import { createRequire } from 'node:module'
import type * as Oxc from 'oxc-parser'

export type OxcParser = typeof Oxc

let parser: OxcParser | undefined

/** oxc-parser, loaded on the first file that needs a parse: a build without annotations never pays for it. */
export function loadParser(): OxcParser {
  if (parser) return parser
  try {
    parser = createRequire(import.meta.url)('oxc-parser') as OxcParser
  } catch (error) {
    throw new Error(`errorweave: cannot load oxc-parser, which weaving needs: install it next to errorweave (npm install -D oxc-parser) (${(error as Error).message.split('\n')[0]})`)
  }
  return parser
}
