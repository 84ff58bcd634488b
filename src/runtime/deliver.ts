import { counters, drain, type Captured } from './capture.js'
import { settings } from './config.js'
import { buildReport } from './report.js'

const inFlight = new Set<Promise<unknown>>()

/** Builds the report, lets beforeSend see it, and hands it to every transport. */
export function deliver(captured: Captured): void {
  try {
    let report = buildReport(captured)
    if (settings.beforeSend) {
      const edited = settings.beforeSend(report)
      if (edited === null) return
      if (edited) report = edited
    }
    for (const transport of settings.transports) {
      const sending = Promise.resolve()
        .then(() => transport(report))
        .catch(() => void counters.internalErrors++)
      inFlight.add(sending)
      void sending.finally(() => inFlight.delete(sending))
    }
  } catch {
    counters.internalErrors++
  }
}

/** Delivers everything captured so far; resolves when sent or after `timeoutMs`. */
export async function flush(timeoutMs = 5000): Promise<boolean> {
  drain()
  const sent = Promise.all(inFlight).then(() => true)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([sent, timedOut])
  } finally {
    clearTimeout(timer)
  }
}
