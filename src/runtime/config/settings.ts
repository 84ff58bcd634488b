import { cap } from '../report/describe.js'
import type { Report } from '../report/types.js'
import { warnOnce } from '../platform/warn.js'

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
  /** Report uncaught exceptions and unhandled rejections no woven function saw (default true). */
  globalHandlers?: boolean | null
  /** The longest an ending or crashing process waits for delivery, in ms (default 5000). */
  exitTimeoutMs?: number | null
  /** Where undeliverable reports wait for the next start (Node; default under the OS temp dir; 'off' disables). */
  spoolDir?: string | null
}

/** The parsed value, or undefined when `raw` is not acceptable. */
type Parse = (raw: unknown) => unknown

interface Spec {
  parse: Parse
  /** What a good value looks like, for the warning. */
  expected: string
  /** The value is never echoed in a warning. */
  secret?: boolean
  /** Only configure() sets it; its warning reads "<key> must be <expected>". */
  codeOnly?: boolean
}

const wholeNumber =
  (min: number, max: number): Parse =>
  (raw) =>
    Number.isInteger(raw) && (raw as number) >= min && (raw as number) <= max ? raw : undefined

const trimmed = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '')

/** Trimmed text of at most `max` characters, all matching `allowed`. */
const text =
  (max: number, allowed: RegExp): Parse =>
  (raw) => {
    const value = trimmed(raw)
    return value.length <= max && allowed.test(value) ? value : undefined
  }

const toBoolean: Parse = (raw) => {
  const word = typeof raw === 'boolean' ? String(raw) : trimmed(raw)
  return /^(true|yes|on|1)$/i.test(word) || (/^(false|no|off|0)$/i.test(word) ? false : undefined)
}

/**
 * https: anywhere; plain http: only to this machine: `localhost` itself or a loopback
 * IP literal, never a name DNS resolves (`x.localhost` included). Never credentials:
 * they would be sent on as Authorization: Basic.
 */
const toEndpoint: Parse = (raw) => {
  const value = trimmed(raw)
  try {
    const { protocol, hostname, href, username, password } = new URL(value)
    const loopback = /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(hostname)
    if (!/\s/.test(value) && !username && !password && (protocol === 'https:' || (protocol === 'http:' && loopback))) return href
  } catch {
    // not a URL
  }
  return undefined
}

const ENDPOINT = { parse: toEndpoint, expected: 'an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey)', secret: true }
const PRINTABLE = /^[^\0-\x1f\x7f]+$/
const LABEL = { parse: text(200, PRINTABLE), expected: 'text of 1 to 200 characters' }
const BOOLEAN = { parse: toBoolean, expected: 'true or false' }
const MAX_DEPTH = 100
/** A whole number, also as text (the environment, the properties file). */
const wholeNumberSetting = (min: number, max: number): Spec => {
  const parse = wholeNumber(min, max)
  return { parse: (raw) => parse(typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw), expected: `a whole number from ${min} to ${max}` }
}
const codeNumber = (min: number, max: number): Spec => ({ parse: wholeNumber(min, max), expected: `a whole number from ${min} to ${max}`, codeOnly: true })

/** Every setting; those named in config/node-sources.ts can also come from the environment or the properties file. */
export const SPECS = {
  enabled: BOOLEAN,
  serverUrl: ENDPOINT,
  apikey: { parse: text(1024, /^[\x20-\x7e]+$/), expected: 'printable ASCII text', secret: true },
  futureCallsEnabled: BOOLEAN,
  futureCallsMaxDepth: wholeNumberSetting(0, MAX_DEPTH),
  service: LABEL,
  environment: LABEL,
  release: LABEL,
  discordWebhookUrl: ENDPOINT,
  beforeSend: { parse: (raw) => (typeof raw === 'function' ? raw : undefined), expected: 'a function or null', codeOnly: true },
  transports: { parse: (raw) => (Array.isArray(raw) ? raw.filter(isTransport) : undefined), expected: 'an array', codeOnly: true },
  timeoutMs: codeNumber(100, 120_000),
  aggregateWindowMs: codeNumber(0, 600_000),
  globalHandlers: BOOLEAN,
  exitTimeoutMs: wholeNumberSetting(0, 600_000),
  spoolDir: { parse: text(1024, PRINTABLE), expected: 'a folder path, or off' },
} satisfies Record<string, Spec>

export type SettingName = keyof typeof SPECS
type Layer = Partial<Record<SettingName, unknown>>

/** The effective settings; capture reads `enabled` on every error, so they are plain fields. */
export interface Settings {
  enabled: boolean
  serverUrl?: string
  apikey?: string
  futureCallsEnabled: boolean
  futureCallsMaxDepth: number
  service?: string
  environment?: string
  release?: string
  discordWebhookUrl?: string
  beforeSend?: (report: Report) => Report | null | undefined
  transports: Transport[]
  timeoutMs: number
  aggregateWindowMs: number
  globalHandlers: boolean
  exitTimeoutMs: number
  spoolDir?: string
}

const DEFAULTS = { enabled: true, futureCallsEnabled: false, futureCallsMaxDepth: 5, transports: [], timeoutMs: 5000, aggregateWindowMs: 1000, globalHandlers: true, exitTimeoutMs: 5000 }
export const settings: Settings = { ...DEFAULTS }

const layers: Record<'file' | 'env' | 'code', Layer> = { file: {}, env: {}, code: {} }

/** Where configure() takes each setting: its name, or `outer.inner` for the nested ones. */
const NESTED: Record<string, string[]> = { futureCalls: ['enabled', 'maxDepth'], discord: ['webhookUrl'] }
const BY_PATH = new Map((Object.keys(SPECS) as SettingName[]).map((name) => [name.replace(/^(futureCalls|discord)(.)/, (_, outer, first: string) => `${outer}.${first.toLowerCase()}`), name]))

/** The parsed value, or undefined after one warning that names `where` and the expected form. */
export function parseSetting(name: SettingName, raw: unknown, where: string): unknown {
  const spec: Spec = SPECS[name]
  const value = spec.parse(raw)
  if (value === undefined) {
    warnOnce(spec.codeOnly ? `${where} must be ${spec.expected}; ignored` : `${where}: ${spec.secret ? 'the value' : shown(raw)} is not ${spec.expected}; ignored`)
  }
  return value
}

function shown(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(cap(raw, 60))
  return raw === null || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : `a value of type ${typeof raw}`
}

function isTransport(value: unknown): value is Transport {
  const ok = typeof value === 'function' || typeof (value as { send?: unknown } | null)?.send === 'function'
  if (!ok) warnCode('a transport must be a function or an object with send(report); that entry is ignored')
  return ok
}

function warnCode(message: string): void {
  warnOnce(`configure(): ${message}`)
}

/** Replaces what one lower source (properties file or environment) says. */
export function setSource(source: 'file' | 'env', values: Layer): void {
  layers[source] = { ...values }
  recompute()
}

function recompute(): void {
  const effective = settings as unknown as Record<string, unknown>
  for (const name of BY_PATH.values()) effective[name] = layers.code[name] ?? layers.env[name] ?? layers.file[name] ?? DEFAULTS[name as keyof typeof DEFAULTS]
}

/** Settings in code: the highest-priority source. Each call merges over the last; it never throws. */
export function configure(config: ErrorMonitorConfig): void {
  try {
    if (typeof config !== 'object' || !config) warnOnce(`configure() takes an object of settings, not ${config === null ? 'null' : typeof config}; ignored`)
    else for (const [key, value] of Object.entries(config)) setCode(key, value)
  } catch {
    warnCode('the settings object could not be read; ignored')
  }
  recompute()
}

function setCode(path: string, value: unknown): void {
  const inner = Object.hasOwn(NESTED, path) && NESTED[path]
  if (inner) {
    if (typeof value === 'object' && value) for (const [key, nested] of Object.entries(value)) setCode(`${path}.${key}`, nested)
    else if (value !== undefined) warnCode(`${path} must be an object like { ${inner.join(', ')} }; ignored`)
    return
  }
  const name = BY_PATH.get(path)
  if (!name) warnCode(`unknown setting "${path}"; ignored`)
  else if (value === null) delete layers.code[name]
  else if (value !== undefined) {
    const parsed = parseSetting(name, value, `configure(): ${path}`)
    if (parsed !== undefined) layers.code[name] = parsed
  }
}

/** Forgets everything configure() set (the environment and the properties file still apply). */
export function resetCodeSettings(): void {
  layers.code = {}
  recompute()
}
