/*
 * Where the happy-path cost is, for the cases where woven code can be measurably slower:
 * the woven shape written by hand (a copy of what the plugin emits for cases.ts) next
 * to variants that each drop or change one part of it. Diagnostic only: the product's
 * figures are the compiled variants in the main table.
 */
import * as __ew from 'errorweave'

// The compact form the build writes (transformer/core/table.ts): lines count from the line before.
const T = __ew.table(
  JSON.stringify([
    3,
    'bench/happy/shapes.mjs',
    [],
    [
      ['Service', 'find', 1, 1, [[1, 5]]],
      ['Sequence', 'range', 0, 1, [[1, 5], [0, 9]]],
      ['Loop', 'sumOfSquares', 0, 1, [[1, 5], [1, 5], [0, 9], [1, 5]]],
      ['Async', 'total', 0, 1, [[1, 5], [1, 5], [1, 5]]],
    ],
    0,
  ]),
)
const load = async (id) => id * 2
// What the plugin emits for a module with watched returns: one rejection handler per return site.
const W = __ew.watchers(T, [[0, 1]])
const onRejected = W[0]
const then = Promise.prototype.then
const { isPromise } = process.getBuiltinModule('node:util').types
const ignore = () => {}

/** The weave before: its place passed per call, a closure made per call, the value passed on (its `then` read again). */
function watchBefore(value, table, fn, statement) {
  try {
    if (typeof value === 'object' && value !== null && isPromise(value) && Object.getPrototypeOf(value) === Promise.prototype) {
      then.call(value, undefined, (error) => __ew.capture(error, table, fn, statement))
    }
  } catch {}
  return value
}

/** The woven checks and reaction, but a handler closure made per call instead of one per site. */
function watchClosurePerCall(value, table, fn, statement) {
  try {
    if (typeof value === 'object' && value !== null && isPromise(value) && Object.getPrototypeOf(value) === Promise.prototype) {
      then.call(value, ignore, (error) => {
        __ew.capture(error, table, fn, statement)
      })
    }
  } catch {}
  return value
}

// async function returning a call's promise. Observing a rejection that never passes the
// catch block takes one reaction per call: `reactionOnly` is that alone; the unsafe variants
// each drop one check of `woven` to show what it costs.
const find = {
  plain: async (id) => load(id),
  woven: async (id) => {
    let s = 0
    try {
      s = 1
      return __ew.watch(load(id), W, 0)
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /** Unwatched: misses the returned promise's rejection; the floor of any watched shape. */
  noWatch: async (id) => {
    let s = 0
    try {
      s = 1
      return load(id)
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  before: async (id) => {
    let s = 0
    try {
      s = 1
      return watchBefore(load(id), T, 0, s)
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  closurePerCall: async (id) => {
    let s = 0
    try {
      s = 1
      return watchClosurePerCall(load(id), T, 0, s)
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /**
   * Unsafe, for its cost only: no fulfilment handler, so the reaction passes the value
   * on and reads its `then` (a getter or a Proxy trap would run twice).
   */
  valuePassedOn: async (id) => {
    let s = 0
    try {
      s = 1
      const p = load(id)
      if (typeof p === 'object' && p !== null && isPromise(p) && Object.getPrototypeOf(p) === Promise.prototype) then.call(p, undefined, onRejected)
      return p
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /** Unsafe, for its cost only: no brand check, so a returned Proxy's getPrototypeOf trap would run. */
  noBrandCheck: async (id) => {
    let s = 0
    try {
      s = 1
      const p = load(id)
      if (typeof p === 'object' && p !== null && Object.getPrototypeOf(p) === Promise.prototype) then.call(p, ignore, onRejected)
      return p
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /** Unsafe, for its cost only: no prototype check, so a subclass's species constructor would run. */
  noPrototypeCheck: async (id) => {
    let s = 0
    try {
      s = 1
      const p = load(id)
      if (typeof p === 'object' && p !== null && isPromise(p)) then.call(p, ignore, onRejected)
      return p
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /** The reaction alone (no call, no check): the floor of observing a returned promise with `then`. */
  reactionOnly: async (id) => {
    let s = 0
    try {
      s = 1
      const p = load(id)
      then.call(p, ignore, onRejected)
      return p
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
  /** `return await`: the rejection passes the catch block; one tick less than `return p`. */
  returnAwait: async (id) => {
    let s = 0
    try {
      s = 1
      return await load(id)
    } catch (e) {
      __ew.capture(e, T, 0, s)
      throw e
    }
  },
}

// async function with two awaits
const total = {
  plain: async (x) => {
    const a = await x
    const b = await (a + 1)
    return a + b
  },
  woven: async (x) => {
    let s = 0
    try {
      s = 1
      const a = await x
      s = 2
      const b = await (a + 1)
      s = 3
      return a + b
    } catch (e) {
      __ew.capture(e, T, 3, s)
      throw e
    }
  },
  tryOnly: async (x) => {
    try {
      const a = await x
      const b = await (a + 1)
      return a + b
    } catch (e) {
      __ew.capture(e, T, 3, 0)
      throw e
    }
  },
}

// generator
const range = {
  plain: function* (n) {
    for (let i = 0; i < n; i++) yield i
  },
  woven: function* (n) {
    let s = 0
    try {
      s = 1
      for (let i = 0; (s = 1, i < n); (s = 1, i++)) {
        s = 2
        yield i
      }
    } catch (e) {
      __ew.capture(e, T, 1, s)
      throw e
    }
  },
  tryOnly: function* (n) {
    try {
      for (let i = 0; i < n; i++) yield i
    } catch (e) {
      __ew.capture(e, T, 1, 0)
      throw e
    }
  },
  entryProbeOnly: function* (n) {
    let s = 0
    try {
      s = 1
      for (let i = 0; i < n; i++) yield i
    } catch (e) {
      __ew.capture(e, T, 1, s)
      throw e
    }
  },
}

// 1000-iteration loop
const sumOfSquares = {
  plain: (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + i * i) | 0
    return sum
  },
  woven: (n) => {
    let s = 0
    try {
      s = 1
      let sum = 0
      s = 2
      for (let i = 0; (s = 2, i < n); (s = 2, i++)) {
        s = 3
        sum = (sum + i * i) | 0
      }
      s = 4
      return sum
    } catch (e) {
      __ew.capture(e, T, 2, s)
      throw e
    }
  },
  tryOnly: (n) => {
    try {
      let sum = 0
      for (let i = 0; i < n; i++) sum = (sum + i * i) | 0
      return sum
    } catch (e) {
      __ew.capture(e, T, 2, 0)
      throw e
    }
  },
  noLoopHeaderProbes: (n) => {
    let s = 0
    try {
      s = 1
      let sum = 0
      s = 2
      for (let i = 0; i < n; i++) {
        s = 3
        sum = (sum + i * i) | 0
      }
      s = 4
      return sum
    } catch (e) {
      __ew.capture(e, T, 2, s)
      throw e
    }
  },
}

/**
 * One driver per variant: each is compiled from its own source text (it names its case
 * and variant), so no call site and no type feedback is shared between variants.
 */
function drivers(caseName, variants, loop) {
  const compile = (name, target) => new Function('target', `// ${caseName}.${name}\nreturn ${loop}`)(target)
  return Object.fromEntries(Object.entries(variants).map(([name, target]) => [name, compile(name, target)]))
}

export const shapes = {
  asyncReturn: drivers('asyncReturn', find, `async (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + (await target(i & 15))) | 0
    return sum
  }`),
  async: drivers('async', total, `async (n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + (await target(i & 15))) | 0
    return sum
  }`),
  generator: drivers('generator', range, `(n) => {
    let sum = 0
    for (let i = 0; i < n; i++) for (const v of target(8)) sum = (sum + v) | 0
    return sum
  }`),
  loop1000: drivers('loop1000', sumOfSquares, `(n) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + target(1000)) | 0
    return sum
  }`),
}
