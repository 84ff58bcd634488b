/**
 * What the build (transformer/core/table.ts) and the runtime (capture/table.ts) must
 * agree on to read a table; no imports, so the transformer can share it.
 */

/** The first entry of every table: a table of another format is not read (see capture/table.ts). */
export const TABLE_FORMAT = 3

/** The name a call text ends with, `#addRoute` in `this.#addRoute()`, which a resolved name may leave out. */
export const calledName = (call: string): string | undefined => /[#\w$]+(?=(?:\?\.)?\(\)$)/.exec(call)?.[0]
