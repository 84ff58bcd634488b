/**
 * Preloaded (`node --import`) into a child before the runtime loads: the runtime's
 * clock runs TEST_TIME_SCALE times faster, so an 85 s outage takes 8.5 s. The runtime
 * binds performance.now and setTimeout as it loads, so it gets these; the app's own
 * Date.now and setInterval keep real time. Test-only: nothing in the runtime knows.
 */
const scale = Number(process.env.TEST_TIME_SCALE)
const realNow = performance.now.bind(performance)
const realSetTimeout = globalThis.setTimeout
performance.now = () => realNow() * scale
globalThis.setTimeout = (run, ms, ...args) => realSetTimeout(run, (ms ?? 0) / scale, ...args)
