import { createRequire } from 'node:module'
import type * as MagicStringModule from 'magic-string'

let loaded: typeof MagicStringModule | undefined

/**
 * magic-string, loaded on first use: a module that only gets text inserted is spliced without
 * it, and a build that writes no source map then never loads it (~3 ms of a Vite build).
 */
export function magicString(): typeof MagicStringModule {
  return (loaded ??= createRequire(import.meta.url)('magic-string') as typeof MagicStringModule)
}
