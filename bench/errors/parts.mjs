/*
 * Where the error-path cost is: the woven catch block written by hand, each variant
 * adding one part of what capture does, against a bare throw/catch. Diagnostic only:
 * the product's figures are the compiled variants in the main table. The variants share
 * their driver and wrapper code; at microseconds per throw, the few nanoseconds of a
 * shared call site do not matter.
 */
function parsePort(input) {
  const port = Number.parseInt(input, 10)
  if (!(port > 0 && port < 65536)) throw new RangeError('port out of range')
  return port
}

const seen = new WeakMap()
const queue = new Array(1000).fill(undefined)
let head = 0
let clock = 0

/** The woven shape around parsePort, with `onCatch` as the catch block's capture. */
function woven(onCatch) {
  return (input) => {
    let s = 0
    try {
      s = 1
      return parsePort(input)
    } catch (e) {
      onCatch(e, s)
      throw e
    }
  }
}

const record = (e, s) => ({ error: e, time: clock, crossings: [{ table: undefined, fn: 0, statement: s }], done: false })
const shapes = {
  rethrowOnly: woven(() => {}),
  withDateNow: woven(() => {
    clock = Date.now()
  }),
  withQueuedRecord: woven((e, s) => {
    queue[(head = (head + 1) % queue.length)] = record(e, s)
  }),
  withWeakMapLookupAndSet: woven((e, s) => {
    if (!seen.get(e)) seen.set(e, record(e, s))
  }),
}

function drive(fn) {
  return (n) => {
    let caught = 0
    for (let i = 0; i < n; i++) {
      try {
        fn('70000')
      } catch {
        caught++
      }
    }
    return caught
  }
}

export const parts = {
  catchBlock: {
    bare: drive(parsePort),
    ...Object.fromEntries(Object.entries(shapes).map(([name, fn]) => [name, drive(fn)])),
  },
}
