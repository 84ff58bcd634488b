import type { Report } from './report.js'
import { warnOnce } from './warn.js'

/** A custom sender: a function, or an object whose `flush` lets `flush()` wait for it. */
export type Transport =
  | ((report: Readonly<Report>) => void | Promise<void>)
  | { send(report: Readonly<Report>): void | Promise<void>; flush?(timeoutMs: number): Promise<boolean> | boolean }

/**
 * Settings in code, the highest-priority source. `undefined` leaves a setting as it
 * is; `null` clears what configure() set, so the environment, the properties file or
 * the default applies again.
 */
export interface ErrorMonitorConfig {
  enabled?: boolean | null
  serverUrl?: string | null
  apikey?: string | null
  futureCalls?: { enabled?: boolean | null; maxDepth?: number | null }
  service?: string | null
  environment?: string | null
  release?: string | null
  discord?: { webhookUrl?: string | null }
  /** Inspect, edit or drop (return null) every report before it is sent. */
  beforeSend?: ((report: Report) => Report | null | undefined) | null
  /** Custom senders, each called once per report (replaces the previous list). */
  transports?: Transport[]
  /** Time limit of one HTTP attempt, in ms (default 5000). */
  timeoutMs?: number
  /** Identical errors within this many ms become one extra report with `count` (default 1000; 0 = off). */
  aggregateWindowMs?: number
}

const INVALID = Symbol('invalid')
type Parse = (raw: unknown) => unknown

interface Spec {
  /** The path in configure(): `futureCalls.maxDepth`. */
  code: string
  parse: Parse
  expected: string
  /** The value is never echoed in a warning. */
  secret?: boolean
}

const toBoolean: Parse = (raw) => {
  if (typeof raw === 'boolean') return raw
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : ''
  if (['true', 'yes', 'on', '1'].includes(text)) return true
  if (['false', 'no', 'off', '0'].includes(text)) return false
  return INVALID
}

const MAX_DEPTH = 100

const toDepth: Parse = (raw) => {
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DEPTH ? value : INVALID
}

/** Visible text without control characters: service names, releases. */
const toLabel: Parse = (raw) => {
  const text = typeof raw === 'string' ? raw.trim() : ''
  return text && text.length <= 200 && !/[\u0000-\u001f\u007f]/.test(text) ? text : INVALID
}

/** Goes into an HTTP header as is: printable ASCII only. */
const toHeaderValue: Parse = (raw) => {
  const text = typeof raw === 'string' ? raw.trim() : ''
  return text && text.length <= 1024 && /^[\x20-\x7e]+$/.test(text) ? text : INVALID
}

const toEndpoint: Parse = (raw) => {
  if (typeof raw !== 'string' || /\s/.test(raw.trim())) return INVALID
  const url = parseUrl(raw.trim())
  return url && isAllowedEndpoint(url) ? url.href : INVALID
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** https: anywhere; plain http: only to this machine. */
export function isAllowedEndpoint(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}

const ENDPOINT = 'an https: URL (plain http: only for localhost, 127.x.x.x or [::1])'

/** The settings that can come from configure(), the environment or the properties file (names in node-config.ts). */
export const SPECS = {
  enabled: { code: 'enabled', parse: toBoolean, expected: 'true or false' },
  serverUrl: { code: 'serverUrl', parse: toEndpoint, expected: ENDPOINT, secret: true },
  apikey: { code: 'apikey', parse: toHeaderValue, expected: 'printable ASCII text', secret: true },
  futureCallsEnabled: { code: 'futureCalls.enabled', parse: toBoolean, expected: 'true or false' },
  futureCallsMaxDepth: { code: 'futureCalls.maxDepth', parse: toDepth, expected: `a whole number from 0 to ${MAX_DEPTH}` },
  service: { code: 'service', parse: toLabel, expected: 'text of 1 to 200 characters' },
  environment: { code: 'environment', parse: toLabel, expected: 'text of 1 to 200 characters' },
  release: { code: 'release', parse: toLabel, expected: 'text of 1 to 200 characters' },
  discordWebhookUrl: { code: 'discord.webhookUrl', parse: toEndpoint, expected: ENDPOINT, secret: true },
} satisfies Record<string, Spec>

export type SettingName = keyof typeof SPECS
type Source = 'file' | 'env' | 'code'
type Layer = Partial<Record<SettingName, unknown>>

const NAMES = Object.keys(SPECS) as SettingName[]
const layers: Record<Source, Layer> = { file: {}, env: {}, code: {} }

export interface Settings {
  enabled: boolean
  serverUrl?: string
  apikey?: string
  futureCalls: { enabled: boolean; maxDepth: number }
  service?: string
  environment?: string
  release?: string
  discordWebhookUrl?: string
  beforeSend?: (report: Report) => Report | null | undefined
  transports: Transport[]
  timeoutMs: number
  aggregateWindowMs: number
}

const DEFAULT_TIMEOUT_MS = 5000
const DEFAULT_WINDOW_MS = 1000

/** The effective settings; capture reads `enabled` on every error, so it is a plain field. */
export const settings: Settings = {
  enabled: true,
  futureCalls: { enabled: false, maxDepth: 5 },
  transports: [],
  timeoutMs: DEFAULT_TIMEOUT_MS,
  aggregateWindowMs: DEFAULT_WINDOW_MS,
}

/** The parsed value, or undefined after one warning that names `where` and the expected form. */
export function parseSetting(name: SettingName, raw: unknown, where: string): unknown {
  const spec: Spec = SPECS[name]
  const value = spec.parse(raw)
  if (value !== INVALID) return value
  warnOnce(`${where}: ${spec.secret ? 'the value' : shownValue(raw)} is not ${spec.expected}; ignored`)
  return undefined
}

function shownValue(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}...` : raw)
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw)
  return raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a value of type ${typeof raw}`
}

/** Replaces what one lower source (properties file or environment) says. */
export function setSource(source: 'file' | 'env', values: Layer): void {
  layers[source] = { ...values }
  recompute()
}

function recompute(): void {
  const pick = (name: SettingName) => layers.code[name] ?? layers.env[name] ?? layers.file[name]
  settings.enabled = (pick('enabled') as boolean | undefined) ?? true
  settings.serverUrl = pick('serverUrl') as string | undefined
  settings.apikey = pick('apikey') as string | undefined
  settings.futureCalls.enabled = (pick('futureCallsEnabled') as boolean | undefined) ?? false
  settings.futureCalls.maxDepth = (pick('futureCallsMaxDepth') as number | undefined) ?? 5
  settings.service = pick('service') as string | undefined
  settings.environment = pick('environment') as string | undefined
  settings.release = pick('release') as string | undefined
  settings.discordWebhookUrl = pick('discordWebhookUrl') as string | undefined
}

/** Settings in code: the highest-priority source. Each call merges over the last; it never throws. */
export function configure(config: ErrorMonitorConfig): void {
  try {
    if (typeof config !== 'object' || config === null) {
      warnOnce(`configure() takes an object of settings, not ${config === null ? 'null' : typeof config}; ignored`)
      return
    }
    applyCode(config as unknown as Record<string, unknown>)
  } catch {
    warnOnce('configure(): the settings object could not be read; ignored')
  } finally {
    recompute()
  }
}

const NESTED: Record<string, string[]> = { futureCalls: ['enabled', 'maxDepth'], discord: ['webhookUrl'] }
const CODE_ONLY = ['beforeSend', 'transports', 'timeoutMs', 'aggregateWindowMs']

function applyCode(config: Record<string, unknown>): void {
  for (const key of Object.keys(config)) {
    const value = config[key]
    if (Object.hasOwn(NESTED, key)) {
      if (value === undefined) continue
      if (typeof value !== 'object' || value === null) {
        warnOnce(`configure(): ${key} must be an object like { ${NESTED[key].join(', ')} }; ignored`)
        continue
      }
      const nested = value as Record<string, unknown>
      for (const inner of Object.keys(nested)) setCode(`${key}.${inner}`, nested[inner])
    } else if (CODE_ONLY.includes(key)) setCodeOnly(key, value)
    else setCode(key, value)
  }
}

function setCode(path: string, value: unknown): void {
  const name = NAMES.find((candidate) => SPECS[candidate].code === path)
  if (!name) {
    warnOnce(`configure(): unknown setting "${path}"; ignored`)
    return
  }
  if (value === undefined) return
  if (value === null) {
    delete layers.code[name]
    return
  }
  const parsed = parseSetting(name, value, `configure(): ${path}`)
  if (parsed !== undefined) layers.code[name] = parsed
}

function setCodeOnly(key: string, value: unknown): void {
  if (value === undefined) return
  switch (key) {
    case 'beforeSend':
      if (value === null || typeof value === 'function') settings.beforeSend = (value ?? undefined) as Settings['beforeSend']
      else warnOnce('configure(): beforeSend must be a function or null; ignored')
      return
    case 'transports':
      if (!Array.isArray(value)) warnOnce('configure(): transports must be an array; ignored')
      else settings.transports = value.filter(isTransport)
      return
    case 'timeoutMs':
      settings.timeoutMs = wholeNumber(value, 100, 120_000, key) ?? settings.timeoutMs
      return
    case 'aggregateWindowMs':
      settings.aggregateWindowMs = wholeNumber(value, 0, 600_000, key) ?? settings.aggregateWindowMs
  }
}

function isTransport(value: unknown): value is Transport {
  const ok = typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function')
  if (!ok) warnOnce('configure(): a transport must be a function or an object with send(report); that entry is ignored')
  return ok
}

function wholeNumber(value: unknown, min: number, max: number, key: string): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
  warnOnce(`configure(): ${key} must be a whole number from ${min} to ${max}; ignored`)
  return undefined
}

/** Forgets everything configure() set (the environment and the properties file still apply). */
export function resetCodeSettings(): void {
  layers.code = {}
  settings.beforeSend = undefined
  settings.transports = []
  settings.timeoutMs = DEFAULT_TIMEOUT_MS
  settings.aggregateWindowMs = DEFAULT_WINDOW_MS
  recompute()
}
