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
import { configure as configureCore, type ErrorMonitorConfig } from './config/settings.js'
import { ErrorMonitor as errorMonitorCore } from './annotations/decorators.js'
import { captureException as captureExceptionCore } from './context/api.js'
import { discordSender } from './delivery/transports/discord.js'
import { hooks } from './platform/hooks.js'
import { loadNodeSettings } from './config/node-sources.js'
import { flush as flushCore, hasPendingWork } from './pipeline/pipeline.js'
import { postWithNode } from './delivery/post-node.js'
import { mapFrame } from './report/source-map.js'
import { serverCategory } from './report/classify-server.js'
import { table as tableCore, type ModuleTable } from './capture/table.js'

export * from './index.js'

/** The longest a finished process waits for its reports. */
const EXIT_FLUSH_MS = 2000
let installed = false

function installNode(): void {
  if (installed) return
  installed = true
  hooks.post = postWithNode
  hooks.discord = discordSender
  hooks.mapFrame = mapFrame
  hooks.serverCategory = serverCategory
  hooks.onActive = flushAtExit
  loadNodeSettings()
}

export function table(json: string): ModuleTable {
  installNode()
  return tableCore(json)
}

export function configure(config: ErrorMonitorConfig): void {
  installNode()
  configureCore(config)
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

/**
 * When the event loop empties, deliver what is queued within EXIT_FLUSH_MS. A flush
 * that fails is not repeated unless something new was captured meanwhile, so this can
 * never keep the process alive in a loop. process.exit() and crashes skip it.
 */
function flushAtExit(): void {
  let flushedAt = -1
  process.on('beforeExit', () => {
    try {
      if (!hasPendingWork() || flushedAt === counters.captured) return
      flushedAt = counters.captured
      void flushCore(EXIT_FLUSH_MS)
    } catch {
      counters.internalErrors++
    }
  })
}
