import { counters, drain, guarded, hasPendingCaptures, untold, type Captured } from './capture.js'
import { resetCodeSettings, settings, type Transport } from './config.js'
import { describe } from './describe.js'
import { hooks } from './hooks.js'
import { collectorSender } from './http.js'
import { sanitize } from './mask.js'
import { watchPageHide } from './page-hide.js'
import { buildReport, fingerprintOf, type Report } from './report.js'
import type { Sender, SenderCounts } from './sender.js'
import { warnOnce } from './warn.js'
import { setTimer, clearTimer } from './timers.js'

/** A fingerprint's window: its first report went out; later occurrences are counted here. */
interface Bucket {
  report: Report
  extra: number
  firstExtraAt: number
  closesAt: number
}

const MAX_BUCKETS = 256
const MAX_TRACKED = 1000
const buckets = new Map<string, Bucket>()
let sweepTimer: ReturnType<typeof setTimeout> | undefined
const pipelineCounters = { reports: 0, aggregated: 0, filtered: 0, transportErrors: 0 }
const inFlight = new Set<Promise<unknown>>()
let collector: Sender | undefined
let discord: Sender | undefined

/**
 * Every capture comes here from the drain. The first of a fingerprint in a window is
 * reported at once; identical ones in the window only count, and become one more
 * report with `count` when the window closes (or on flush).
 */
export function accept(captured: Captured): void {
  const described = describe(captured.error)
  const fingerprint = fingerprintOf(captured, described)
  const bucket = buckets.get(fingerprint)
  if (bucket) {
    if (bucket.extra++ === 0) bucket.firstExtraAt = captured.time
    pipelineCounters.aggregated++
    return
  }
  const report = buildReport(captured, described, fingerprint)
  if (settings.aggregateWindowMs > 0) {
    if (buckets.size >= MAX_BUCKETS) closeBucket(buckets.keys().next().value!)
    buckets.set(fingerprint, { report: copyReport(report), extra: 0, firstExtraAt: 0, closesAt: captured.time + settings.aggregateWindowMs })
    scheduleSweep()
  }
  emit(report)
}

function copyReport(report: Report): Report {
  return JSON.parse(JSON.stringify(report)) as Report
}

function scheduleSweep(): void {
  if (sweepTimer !== undefined) return
  const first = buckets.values().next().value
  if (!first) return
  sweepTimer = setTimer(sweep, Math.max(0, first.closesAt - Date.now()))
  unref(sweepTimer)
}

function sweep(): void {
  sweepTimer = undefined
  const now = Date.now()
  for (const [fingerprint, bucket] of buckets) {
    if (bucket.closesAt > now) break
    closeBucket(fingerprint)
  }
  scheduleSweep()
}

function closeBucket(fingerprint: string): void {
  const bucket = buckets.get(fingerprint)!
  buckets.delete(fingerprint)
  if (bucket.extra > 0) emit({ ...bucket.report, count: bucket.extra, timestamp: new Date(bucket.firstExtraAt).toISOString() })
}

function closeAllWindows(): void {
  if (sweepTimer !== undefined) clearTimer(sweepTimer)
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
    if (edited === null || (edited !== undefined && typeof edited !== 'object')) return null
    return edited ?? report
  } catch {
    // A failing hook may have been the one that scrubs data: drop rather than send unscrubbed.
    counters.internalErrors++
    return null
  }
}

function secrets(): string[] {
  const values = [settings.apikey, settings.discordWebhookUrl]
  const token = settings.discordWebhookUrl ? new URL(settings.discordWebhookUrl).pathname.split('/').pop() : undefined
  if (token) values.push(token)
  return values.filter((value): value is string => !!value && value.length >= 6)
}

function senders(): Sender[] {
  const list: Sender[] = []
  if (settings.serverUrl) list.push((collector ??= collectorSender()))
  if (settings.discordWebhookUrl) {
    discord ??= hooks.discord?.()
    if (discord) list.push(discord)
    else warnOnce('discord.webhookUrl: Discord alerts are sent from Node only (a webhook URL in a browser bundle is public); ignored')
  }
  return list
}

function callTransport(transport: Transport, report: Report): void {
  try {
    const result = typeof transport === 'function' ? transport(report) : transport.send(report)
    if (result && typeof (result as Promise<void>).then === 'function') track(result as Promise<void>)
  } catch {
    pipelineCounters.transportErrors++
  }
}

function track(sending: Promise<unknown>): void {
  const settled = Promise.resolve(sending).then(
    () => undefined,
    () => void pipelineCounters.transportErrors++,
  )
  if (inFlight.size >= MAX_TRACKED) return
  inFlight.add(settled)
  void settled.then(() => inFlight.delete(settled))
}

/** Once, at the first capture: the page-hide or process-exit delivery. */
export function activate(): void {
  watchPageHide(deliverNowOnHide)
  hooks.onActive?.()
}

/** The page is going away: whatever is captured or queued leaves now, in keepalive requests. */
function deliverNowOnHide(): void {
  try {
    drain()
    closeAllWindows()
    for (const sender of [collector, discord]) sender?.unload()
  } catch {
    counters.internalErrors++
  }
}

/** Delivers everything captured so far; resolves true when all is sent, false after `timeoutMs`. */
export async function flush(timeoutMs = 5000): Promise<boolean> {
  try {
    const limit = typeof timeoutMs === 'number' && timeoutMs >= 0 && Number.isFinite(timeoutMs) ? timeoutMs : 5000
    const deadline = Date.now() + limit
    drain()
    closeAllWindows()
    const waits: Array<Promise<boolean>> = [collector, discord].filter((s) => !!s).map((sender) => sender!.flush(deadline))
    for (const transport of settings.transports) {
      if (typeof transport === 'object' && typeof transport.flush === 'function') {
        waits.push(Promise.resolve(guarded(() => transport.flush!(limit))).then((done) => done !== false, () => false))
      }
    }
    waits.push(Promise.all(inFlight).then(() => true))
    return await withDeadline(Promise.all(waits).then((results) => results.every(Boolean)), deadline)
  } catch {
    counters.internalErrors++
    return false
  }
}

function withDeadline(work: Promise<boolean>, deadline: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimer(() => resolve(false), Math.max(0, deadline - Date.now()))
  })
  return Promise.race([work, late]).finally(() => clearTimer(timer))
}

/** Anything not yet handed to a server: for the exit flush. */
export function hasPendingWork(): boolean {
  if (hasPendingCaptures() || inFlight.size > 0) return true
  for (const bucket of buckets.values()) if (bucket.extra > 0) return true
  return [collector, discord].some((sender) => !!sender && sender.pending() > 0)
}

/** Delivers what is pending with the current settings, then forgets everything configure() set. */
export function resetConfiguration(): void {
  try {
    drain()
    closeAllWindows()
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
  /** Occurrences dropped because the capture queue was full. */
  dropped: number
  /** Reports beforeSend returned null for. */
  filtered: number
  /** Errors raised while the runtime ran host code (getters, hooks, transports): counted, not reported. */
  ignored: number
  /** Failures inside the runtime or a hook; never thrown. */
  internalErrors: number
  /** Custom transports that threw or rejected. */
  transportErrors: number
  /** The built-in HTTP senders (null until used). */
  server: SenderCounts | null
  discord: SenderCounts | null
}

export function stats(): Stats {
  return { ...counters, ...pipelineCounters, server: collector?.counts() ?? null, discord: discord?.counts() ?? null }
}

function unref(timer: unknown): void {
  ;(timer as { unref?: () => void }).unref?.()
}
