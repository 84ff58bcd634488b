import { fileURLToPath } from 'node:url'
import { counters } from '../capture/counters.js'
import { captureUncaught } from '../capture/capture.js'
import { settings } from '../config/settings.js'
import { flush, hasPendingWork, senders, sendEverything } from '../pipeline/pipeline.js'
import type { SpoolEntry } from '../delivery/types.js'
import { spoolNameOf } from '../delivery/spool.js'
import { hooks } from './hooks.js'
import { now } from './timers.js'

/** What one destination still has to deliver when the process ends. */
export interface Batch {
  label: string
  entries: SpoolEntry[]
}

/** The settings a last delivery needs, handed over a pipe: the API key is never written to disk. */
export interface LastDelivery {
  settings: { serverUrl?: string; apikey?: string; discordWebhookUrl?: string; timeoutMs: number }
  batches: Batch[]
  budgetMs: number
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const
/** Marks our signal listener, so two copies of the runtime in one process do not take each other for the app's. */
const OURS = Symbol.for('errorweave.signal-listener')
const LAST_DELIVERY = fileURLToPath(new URL('../delivery/last-delivery.js', import.meta.url))
/** Below this, starting a process to deliver cannot finish in time: the spool keeps it all. */
const MIN_LAST_DELIVERY_MS = 100

/**
 * Uncaught exceptions, and unhandled rejections in the modes that end the process
 * (`--unhandled-rejections=throw`, the default, and `strict`) or that an app's own
 * handler takes. A monitor only
 * observes: Node still prints its own message and exits with its own code, and an
 * app's own `uncaughtException` handler keeps the process alive as it would.
 */
export function watchUncaught(): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => captureUncaught(error, origin === 'unhandledRejection' ? 'unhandledrejection' : 'uncaught'))
  watchHandledRejections()
}

/**
 * An app's own `unhandledRejection` handler keeps Node from ending the process, so the
 * monitor never sees those rejections: while the app has one, we listen beside it.
 * Never alone, which would keep alive a process Node would end.
 */
function watchHandledRejections(): void {
  const ours = (reason: unknown) => captureUncaught(reason, 'unhandledrejection')
  const appHasOne = () => process.listeners('unhandledRejection').some((listener) => listener !== ours)
  const follow = () => {
    const listening = process.listeners('unhandledRejection').includes(ours)
    if (appHasOne() && !listening) process.on('unhandledRejection', ours)
    else if (!appHasOne() && listening) process.removeListener('unhandledRejection', ours)
  }
  // newListener comes before the listener is added: look once the list has changed.
  process.on('newListener', (event: string | symbol) => event === 'unhandledRejection' && queueMicrotask(follow))
  process.on('removeListener', (event: string | symbol) => event === 'unhandledRejection' && queueMicrotask(follow))
  follow()
}

/** When this process began to end (monotonic), so every ending shares one exit-timeout-ms. */
let endingSince: number | undefined
let watching = false

function budgetLeft(): number {
  endingSince ??= now()
  return Math.max(0, settings.exitTimeoutMs - (now() - endingSince))
}

/**
 * Delivery at every ending: a normal end (beforeExit) and SIGTERM/SIGINT without an
 * app handler wait for delivery within exit-timeout-ms and spool the rest; process.exit()
 * and crashes (the synchronous `exit` event) spool everything, then deliver it from a
 * short-lived child process, waiting for it at most what is left of exit-timeout-ms.
 */
export function deliverAtEndings(): void {
  if (watching) return
  watching = true
  let flushedAt = -1
  process.on('beforeExit', () => {
    if (!hasPendingWork() || flushedAt === counters.captured) return
    flushedAt = counters.captured
    void deliverOrSpool().finally(() => (endingSince = undefined))
  })
  process.on('exit', deliverLast)
  for (const signal of SIGNALS) process.on(signal, onSignal)
}

async function deliverOrSpool(): Promise<void> {
  if (!(await flush(budgetLeft()))) spoolRest(false)
}

const onSignal = Object.assign((signal: NodeJS.Signals): void => {
  // The app's own handler decides what the signal means.
  if (process.listeners(signal).some((listener) => !(OURS in listener))) return
  const end = () => {
    spoolRest(false)
    for (const name of SIGNALS) process.removeListener(name, onSignal)
    process.kill(process.pid, signal)
  }
  // A second signal while delivering ends the process at once, as a second Ctrl-C would.
  if (endingSince !== undefined) return end()
  deliverOrSpool().then(end, end)
}, { [OURS]: true })

/** Takes what every destination has not delivered; to the spool (claimed by this process or free for the next). */
function spoolRest(claimed: boolean): Batch[] {
  try {
    sendEverything()
    return senders().flatMap((sender) => {
      const name = spoolNameOf(sender)
      const entries = sender.takeUndelivered()
      if (entries.length === 0) return []
      return [{ label: sender.label, entries: name && hooks.spool ? hooks.spool.save(name, entries, claimed) : entries }]
    })
  } catch {
    counters.internalErrors++
    return []
  }
}

/**
 * Electron's and a single-executable app's execPath would start the app again, not a
 * script: there, what is spooled waits for the next start.
 */
function execPathRunsScripts(): boolean {
  const sea = process.getBuiltinModule('node:sea') as { isSea?: () => boolean } | undefined
  return !process.versions.electron && !sea?.isSea?.()
}

/**
 * The process is exiting (process.exit() or a crash): only synchronous work is
 * possible, so a child process delivers while this one waits for it. What the child
 * does not deliver stays in the spool, claimed by this process, which is then gone:
 * the next start takes it over.
 */
function deliverLast(): void {
  const batches = spoolRest(true)
  const budgetMs = Math.floor(budgetLeft())
  if (batches.length === 0 || budgetMs < MIN_LAST_DELIVERY_MS || !execPathRunsScripts()) return
  try {
    const { serverUrl, apikey, discordWebhookUrl, timeoutMs } = settings
    const input: LastDelivery = { settings: { serverUrl, apikey, discordWebhookUrl, timeoutMs }, batches, budgetMs }
    const { NODE_OPTIONS, ...env } = process.env
    const childProcess = process.getBuiltinModule('node:child_process') as typeof import('node:child_process')
    childProcess.spawnSync(process.execPath, [LAST_DELIVERY], { input: JSON.stringify(input), env, stdio: ['pipe', 'ignore', 'ignore'], timeout: budgetMs, windowsHide: true })
  } catch {
    counters.internalErrors++
  }
}
