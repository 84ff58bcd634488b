/** > 0 while the runtime runs code that is not its own (getters, beforeSend, transports). */
let busy = 0

export const counters = { captured: 0, dropped: 0, ignored: 0, internalErrors: 0 }
/** Losses the collector has not been told of yet: the next report carries them as `dropped`. */
export const untold = { lost: 0 }

/** True while the runtime runs host code: an error raised there is never reported through the runtime itself. */
export function isBusy(): boolean {
  return busy > 0
}

/** Runs code the host may influence (getters, hooks, transports); what it throws is counted. */
export function guarded<T>(run: () => T): T | undefined {
  busy++
  try {
    return run()
  } catch {
    counters.internalErrors++
    return undefined
  } finally {
    busy--
  }
}
