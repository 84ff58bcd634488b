/**
 * The timer functions as they were when the runtime loaded. Programs and test tools
 * replace the globals (fake timers): the runtime's own scheduling must not be captured
 * by them, nor show up in them.
 */
export const setTimer: typeof setTimeout = globalThis.setTimeout.bind(globalThis) as typeof setTimeout
export const clearTimer: typeof clearTimeout = globalThis.clearTimeout.bind(globalThis)

/** A timer that never keeps a Node process alive by itself. */
export function setBackgroundTimer(run: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimer(run, ms)
  timer.unref?.()
  return timer
}
