import { counters, guarded, untold } from '../capture/counters.js'
import { drainInto, hasPendingCaptures, markReported, type Captured } from '../capture/queue.js'
import { resetCodeSettings, settings, type Transport } from '../config/settings.js'
import { describe } from '../report/describe.js'
import { hooks } from '../platform/hooks.js'
import { collectorSender } from '../delivery/transports/collector.js'
import { sanitize } from '../mask/mask.js'
import { watchPageHide } from '../platform/page-hide.js'
import { buildReport, identityOf } from '../report/build.js'
import { categoryOf } from '../report/classify.js'
import { isIgnored } from './ignore.js'
import type { Category, Report } from '../report/types.js'
import type { Sender, SenderCounts } from '../delivery/types.js'
import { clearTimer, delayOf, now, setBackgroundTimer, setTimer } from '../platform/timers.js'
import { warnOnce } from '../platform/warn.js'

/** An error identity's window: its first report went out; later occurrences are counted here. */
interface Bucket {
  report: Report
  extra: number
  /** The first occurrence after the report: the aggregated report carries its time, request and user. */
  firstExtra?: Captured
  /** Distinct user ids among the extra occurrences. */
  users: Set<string>
  closesAt: number
}

const MAX_BUCKETS = 256
const MAX_TRACKED = 1000
/** Distinct users counted exactly per window up to this many; beyond, `affectedUsers.count` stays at it. */
const MAX_USERS = 10_000
const SAMPLE_USERS = 10
/** Open windows, oldest first. */
const buckets = new Map<string, Bucket>()
let sweepTimer: ReturnType<typeof setTimeout> | undefined
const pipelineCounters = { reports: 0, aggregated: 0, filtered: 0, transportErrors: 0, ignoredByRule: 0 }
/** Custom transports' sends still running, for flush(). */
const inFlight = new Set<Promise<unknown>>()
let collector: Sender | undefined
let discord: Sender | undefined
let otlp: Sender | undefined
/** The built-in senders made so far. */
const madeSenders = () => [collector, discord, otlp].filter((sender): sender is Sender => sender !== undefined)

let scheduled = false
let activated = false

/** After a capture: the drain runs on the next macrotask, off the failing call. Never throws. */
export function schedule(): void {
  if (scheduled) return
  try {
    setTimer(drain, 0)
    scheduled = true
    if (!activated) {
      activated = true
      activate()
    }
  } catch {
    counters.internalErrors++
  }
}

/** Hands every pending capture to accept(); run by the timer, by flush() and on page hide. */
function drain(): void {
  scheduled = false
  drainInto((captured) => guarded(() => accept(captured)))
}

/**
 * Every capture comes here from the drain. The first of a fingerprint in a window is
 * reported at once; identical ones in the window only count, and become one more
 * report with `count` when the window closes (or on flush).
 */
function accept(captured: Captured): void {
  const described = describe(captured.error)
  let category: Category | undefined
  const categoryOnce = () => (category ??= categoryOf(captured.error))
  if (isIgnored(captured.error, described, categoryOnce)) {
    pipelineCounters.ignoredByRule++
    return
  }
  const list = senders()
  if (settings.transports.length === 0 && list.length > 0 && list.every((sender) => sender.full())) {
    // A storm: every queue is full, so this occurrence could only push a report out. It is
    // counted as lost before any work on it (not even its identity: an aggregated report
    // would find the queues full too, and count its occurrences as lost then).
    for (const sender of list) sender.overflow()
    return
  }
  const identity = identityOf(captured, described)
  const userId = captured.scope === undefined ? undefined : hooks.context?.userId(captured.scope)
  const bucket = buckets.get(identity)
  if (bucket) {
    if (bucket.extra++ === 0) bucket.firstExtra = captured
    if (userId !== undefined && bucket.users.size < MAX_USERS) bucket.users.add(userId)
    pipelineCounters.aggregated++
    return
  }
  markReported(captured.error)
  const report = buildReport(captured, described, identity)
  report.category = categoryOnce()
  if (settings.aggregateWindowMs > 0) {
    if (buckets.size >= MAX_BUCKETS) closeBucket(buckets.keys().next().value!)
    buckets.set(identity, { report: JSON.parse(JSON.stringify(report)), extra: 0, users: new Set(), closesAt: now() + settings.aggregateWindowMs })
    scheduleSweep()
  }
  emit(withContext(report, captured, userId === undefined ? [] : [userId]))
}

/** The context of the occurrence a report stands for first (section 11): its request, user, tags and trace; and the distinct users of all. */
function withContext(report: Report, first: Captured, users: string[]): Report {
  if (first.scope !== undefined) Object.assign(report, hooks.context?.fields(first.scope))
  Object.assign(report, first.trace)
  if (users.length > 0) report.affectedUsers = { count: users.length, sample: users.slice(0, SAMPLE_USERS) }
  return report
}

function scheduleSweep(): void {
  const first = buckets.values().next().value
  if (first && sweepTimer === undefined) sweepTimer = setBackgroundTimer(sweep, first.closesAt - now())
}

function sweep(): void {
  sweepTimer = undefined
  for (const [fingerprint, bucket] of buckets) {
    if (bucket.closesAt > now()) break
    closeBucket(fingerprint)
  }
  scheduleSweep()
}

function closeBucket(fingerprint: string): void {
  const bucket = buckets.get(fingerprint)!
  buckets.delete(fingerprint)
  const first = bucket.firstExtra
  if (!first) return
  // The window's report is kept without context: this one carries its own first occurrence's.
  emit(withContext({ ...bucket.report, count: bucket.extra, timestamp: new Date(first.time).toISOString() }, first, [...bucket.users]))
}

/** Drains the captures and closes every window: all there is to send is on its way. */
export function sendEverything(): void {
  drain()
  clearTimer(sweepTimer)
  sweepTimer = undefined
  for (const fingerprint of [...buckets.keys()]) closeBucket(fingerprint)
}

/** beforeSend, masking and size caps, then every transport. */
function emit(report: Report): void {
  guarded(() => {
    if (untold.lost > 0) {
      report.dropped = (report.dropped ?? 0) + untold.lost
      untold.lost = 0
    }
    const edited = applyBeforeSend(report)
    if (!edited) {
      untold.lost += report.dropped ?? 0
      return
    }
    const safe = sanitize(edited, secrets())
    pipelineCounters.reports++
    for (const sender of senders()) sender.send(safe)
    for (const transport of settings.transports) callTransport(transport, safe)
  })
}

function applyBeforeSend(report: Report): Report | null {
  const beforeSend = settings.beforeSend
  if (!beforeSend) return report
  try {
    const edited = beforeSend(report)
    if (edited === null) pipelineCounters.filtered++
    return edited === undefined ? report : edited && typeof edited === 'object' ? edited : null
  } catch {
    // A failing hook may have been the one that scrubs data: drop rather than send unscrubbed.
    counters.internalErrors++
    return null
  }
}

/** Configured secrets, masked wherever they appear in a report: the API key, the webhook URL and token, the OTLP headers' values. */
function secrets(): string[] {
  const webhook = settings.discordWebhookUrl
  const values = [settings.apikey, webhook, webhook && new URL(webhook).pathname.split('/').pop(), ...Object.values(settings.otlpHeaders ?? {})]
  return values.filter((value): value is string => !!value && value.length >= 6)
}

/** The built-in senders the current settings name (made on first use). */
export function senders(): Sender[] {
  if (settings.serverUrl) collector ??= collectorSender()
  if (settings.discordWebhookUrl) discord ??= nodeSender(hooks.discord, 'discord.webhookUrl: Discord alerts')
  if (settings.otlpEndpoint) otlp ??= nodeSender(hooks.otlp, 'otlp.endpoint: OTLP log records')
  const wanted = [settings.serverUrl && collector, settings.discordWebhookUrl && discord, settings.otlpEndpoint && otlp]
  return wanted.filter((sender): sender is Sender => !!sender)
}

/** A sender only the Node entry provides (through its hook); elsewhere one warning. */
function nodeSender(make: (() => Sender) | undefined, what: string): Sender | undefined {
  if (!make) warnOnce(`${what} are sent from Node only; ignored`)
  return make?.()
}

function callTransport(transport: Transport, report: Report): void {
  try {
    const result = typeof transport === 'function' ? transport(report) : transport.send(report)
    if (typeof (result as Promise<void> | undefined)?.then === 'function') {
      const settled: Promise<unknown> = Promise.resolve(result)
        .catch(() => pipelineCounters.transportErrors++)
        .finally(() => inFlight.delete(settled))
      if (inFlight.size < MAX_TRACKED) inFlight.add(settled)
    }
  } catch {
    pipelineCounters.transportErrors++
  }
}

/** Once, at the first capture: the page-hide or process-exit delivery. */
function activate(): void {
  watchPageHide(() => {
    // The page is going away: whatever is captured or queued leaves now, in keepalive requests.
    try {
      sendEverything()
      for (const sender of madeSenders()) sender.unload()
    } catch {
      counters.internalErrors++
    }
  })
  hooks.onActive?.()
}

/** Delivers everything captured so far; resolves true when all is sent, false after `timeoutMs`. */
export async function flush(timeoutMs = 5000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const limit = typeof timeoutMs === 'number' && timeoutMs >= 0 && timeoutMs < Infinity ? timeoutMs : 5000
    const deadline = now() + limit
    sendEverything()
    const waits: Array<Promise<boolean> | boolean> = [...madeSenders().map((sender) => sender.flush(deadline)), Promise.all(inFlight).then(() => true)]
    for (const transport of settings.transports) {
      if (typeof transport === 'object' && typeof transport.flush === 'function') {
        waits.push(Promise.resolve(guarded(() => transport.flush!(limit))).then((done) => done !== false, () => false))
      }
    }
    const late = new Promise<boolean>((resolve) => (timer = setTimer(() => resolve(false), delayOf(deadline - now()))))
    return await Promise.race([Promise.all(waits).then((results) => results.every(Boolean)), late])
  } catch {
    counters.internalErrors++
    return false
  } finally {
    clearTimer(timer)
  }
}

/** Anything not yet handed to a server: for the exit flush. */
export function hasPendingWork(): boolean {
  if (hasPendingCaptures() || inFlight.size > 0 || madeSenders().some((sender) => sender.counts().queued > 0)) return true
  for (const bucket of buckets.values()) if (bucket.extra > 0) return true
  return false
}

/** Delivers what is pending with the current settings, then forgets everything configure() set. */
export function resetConfiguration(): void {
  try {
    sendEverything()
  } finally {
    resetCodeSettings()
  }
}

export interface Stats {
  /** Errors captured (each occurrence once). */
  captured: number
  /** Reports handed to the transports. */
  reports: number
  /** Occurrences folded into another report's `count`. */
  aggregated: number
  /** Occurrences dropped because a queue was full (capture or delivery). */
  dropped: number
  /** Reports beforeSend returned null for. */
  filtered: number
  /** Occurrences the `ignore` setting matched: never reported. */
  ignoredByRule: number
  /** Errors raised while the runtime ran host code (getters, hooks, transports): counted, not reported. */
  ignored: number
  /** Failures inside the runtime or a hook; never thrown. */
  internalErrors: number
  /** Custom transports that threw or rejected. */
  transportErrors: number
  /** The built-in HTTP senders (null until used). */
  server: SenderCounts | null
  discord: SenderCounts | null
  otlp: SenderCounts | null
}

export function stats(): Stats {
  return { ...counters, ...pipelineCounters, server: collector?.counts() ?? null, discord: discord?.counts() ?? null, otlp: otlp?.counts() ?? null }
}

