/**
 * The Node entry (package.json "node" condition): the universal runtime plus what
 * only Node has — settings from the environment and the properties file, delivery
 * through node:https, source-mapped callers, and a flush when the process ends.
 *
 * It installs them on first use of table() (every woven module calls it as it
 * loads), configure(), flush() or @ErrorMonitor, not as an import side effect, so
 * a bundler that trusts "sideEffects": false cannot drop them.
 */
import { counters } from './capture/counters.js'
import { OTLP_SETTINGS } from './config/otlp-settings.js'
import { addSettings, configure as configureCore, type ErrorMonitorConfig } from './config/settings.js'
import { ErrorMonitor as errorMonitorCore } from './annotations/decorators.js'
import { captureException as captureExceptionCore } from './context/api.js'
import { discordSender } from './delivery/transports/discord.js'
import { otlpSender } from './delivery/transports/otlp.js'
import { hooks } from './platform/hooks.js'
import { loadNodeSettings } from './config/node-sources.js'
import { flush as flushCore, senders } from './pipeline/pipeline.js'
import type { Poster } from './delivery/types.js'
import { mapFrame } from './report/source-map.js'
import { serverCategory } from './report/classify-server.js'
import { spool, spoolNameOf } from './delivery/spool.js'
import { deliverAtEndings, watchUncaught } from './platform/node-endings.js'
import { table as tableCore, type ModuleTable } from './capture/table.js'
import { setTimer } from './platform/timers.js'
import { types } from 'node:util'

export * from './index.js'

let installed = false

/** node:http(s) load when the first report leaves, not when a process merely imports the runtime. */
const postLazily: Poster = async (request) => (await import('./delivery/post-node.js')).postWithNode(request)

function installNode(): void {
  if (installed) return
  installed = true
  hooks.post = postLazily
  hooks.discord = discordSender
  hooks.otlp = otlpSender
  addSettings(OTLP_SETTINGS)
  hooks.mapFrame = mapFrame
  hooks.isPromise = types.isPromise
  hooks.serverCategory = serverCategory
  hooks.spool = spool
  hooks.onActive = deliverAtEndings
  loadNodeSettings()
  watchUncaught()
  // After the app's own start-up code, whose configure() may change the destination or timeouts.
  setTimer(sendSpooled, 0)
}

export function table(json: string): ModuleTable | undefined {
  installNode()
  return tableCore(json)
}

export function configure(config: ErrorMonitorConfig): void {
  installNode()
  configureCore(config)
  setTimer(sendSpooled, 0)
}

export function flush(timeoutMs?: number): Promise<boolean> {
  installNode()
  return flushCore(timeoutMs)
}

export function captureException(...args: Parameters<typeof captureExceptionCore>): void {
  installNode()
  captureExceptionCore(...args)
}

export const ErrorMonitor: typeof errorMonitorCore = (...args: unknown[]) => {
  installNode()
  return errorMonitorCore(...args)
}

/** Spool folders already looked into by this process. */
const claimedSpools = new Set<string>()

/** Reports earlier processes left for the configured destinations are sent now, whether or not this one fails. */
function sendSpooled(): void {
  try {
    for (const sender of senders()) {
      const name = spoolNameOf(sender)
      if (!name || claimedSpools.has(name)) continue
      claimedSpools.add(name)
      const entries = spool.claim(name)
      if (entries.length === 0) continue
      sender.adopt(entries)
      deliverAtEndings()
    }
  } catch {
    // Never the host's problem; the spool stays for the next start.
    counters.internalErrors++
  }
}
