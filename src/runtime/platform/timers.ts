/**
 * The timer functions as they were when the runtime loaded. Programs and test tools
 * replace the globals (fake timers): the runtime's own scheduling must not be captured
 * by them, nor show up in them.
 */
export const setTimer: typeof setTimeout = globalThis.setTimeout.bind(globalThis) as typeof setTimeout
export const clearTimer: typeof clearTimeout = globalThis.clearTimeout.bind(globalThis)

/**
 * Monotonic milliseconds for deadlines and windows: unlike Date.now(), it never jumps
 * when the wall clock is set or mocked (vi.setSystemTime far in the future).
 */
export const now: () => number = globalThis.performance.now.bind(globalThis.performance)

/** Timers take 0 to 2^31-1 ms; a longer or odd delay would overflow to 1 ms and spin. */
const MAX_DELAY = 2 ** 31 - 1

/** A delay as timers take it: past deadlines are 0, and none overflows (Node would make it 1 ms and warn). */
export const delayOf = (ms: number): number => Math.min(Math.max(ms, 0) || 0, MAX_DELAY)

/** A timer that never keeps a Node process alive by itself. */
export function setBackgroundTimer(run: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimer(run, delayOf(ms))
  timer.unref?.()
  return timer
}
