import { cap } from '../report/describe.js'
import type { Category, Report } from '../report/types.js'
import { parseIgnore, type IgnoreEntry } from './ignore.js'
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
  /** OTLP/HTTP log export: a base URL (`/v1/logs` is added), extra headers, extra resource attributes. */
  otlp?: { endpoint?: string | null; headers?: Record<string, string> | null; resource?: Record<string, string> | null }
  /** Inspect, edit or drop (return null) every report before it is sent. */
  beforeSend?: ((report: Report) => Report | null | undefined) | null
  /** Custom senders, each called once per report (replaces the previous list). */
  transports?: Transport[]
  /** Time limit of one HTTP attempt, in ms (default 5000). */
  timeoutMs?: number
  /** Identical errors within this many ms become one extra report with `count` (default 1000; 0 = off). */
  aggregateWindowMs?: number
  /** Decides an error's category before the default rules; undefined leaves it to them. */
  classify?: ((error: unknown) => Category | undefined) | null
  /** Never reported (counted in stats): error types, `category:<name>`, RegExps over the message, predicates. */
  ignore?: Array<string | RegExp | ((error: unknown) => boolean)> | string | null
  /** Report uncaught exceptions and unhandled rejections no woven function saw (default true). */
  globalHandlers?: boolean | null
  /** The longest an ending or crashing process waits for delivery, in ms (default 5000). */
  exitTimeoutMs?: number | null
  /** Where undeliverable reports wait for the next start (Node; default under the OS temp dir; 'off' disables). */
  spoolDir?: string | null
}

/** The parsed value, or undefined when `raw` is not acceptable. */
export type Parse = (raw: unknown) => unknown

export interface Spec {
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

export const ENDPOINT = { parse: toEndpoint, expected: 'an https: URL without credentials (plain http: only for localhost, 127.x.x.x or [::1]; the key goes in apikey)', secret: true }
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

/** Every setting; those named in node-sources.ts can also come from the environment or the properties file. */
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
  classify: { parse: (raw) => (typeof raw === 'function' ? raw : undefined), expected: 'a function or null', codeOnly: true },
  ignore: { parse: parseIgnore, expected: 'error types or category:<name>, comma-separated' },
  globalHandlers: BOOLEAN,
  exitTimeoutMs: wholeNumberSetting(0, 600_000),
  spoolDir: { parse: text(1024, PRINTABLE), expected: 'a folder path, or off' },
} satisfies Record<string, Spec>

/** Settings an entry adds when it loads (the Node entry: OTLP export), so other bundles do not carry their parsing. */
type AddedSettingName = 'otlpEndpoint' | 'otlpHeaders' | 'otlpResource'
export type SettingName = keyof typeof SPECS | AddedSettingName
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
  /** The full URL OTLP log records are POSTed to (…/v1/logs). */
  otlpEndpoint?: string
  otlpHeaders?: Record<string, string>
  /** OTLP resource attributes beyond those errorweave derives (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME). */
  otlpResource?: Record<string, string>
  beforeSend?: (report: Report) => Report | null | undefined
  transports: Transport[]
  timeoutMs: number
  aggregateWindowMs: number
  classify?: (error: unknown) => Category | undefined
  ignore?: IgnoreEntry[]
  globalHandlers: boolean
  exitTimeoutMs: number
  spoolDir?: string
}

const DEFAULTS = { enabled: true, futureCallsEnabled: false, futureCallsMaxDepth: 5, transports: [], timeoutMs: 5000, aggregateWindowMs: 1000, globalHandlers: true, exitTimeoutMs: 5000 }
export const settings: Settings = { ...DEFAULTS }

const layers: Record<'file' | 'env' | 'code', Layer> = { file: {}, env: {}, code: {} }

/** Where configure() takes each setting: its name, or `outer.inner` for the nested ones. */
const NESTED: Record<string, string[]> = { futureCalls: ['enabled', 'maxDepth'], discord: ['webhookUrl'], otlp: ['endpoint', 'headers', 'resource'] }
const specs: Partial<Record<SettingName, Spec>> = {}
const BY_PATH = new Map<string, SettingName>()

/** Makes settings known to configure(), the environment and the properties file. */
export function addSettings(added: Partial<Record<SettingName, Spec>>): void {
  for (const [name, spec] of Object.entries(added) as Array<[SettingName, Spec]>) {
    specs[name] = spec
    BY_PATH.set(name.replace(/^(futureCalls|discord|otlp)(.)/, (_, outer, first: string) => `${outer}.${first.toLowerCase()}`), name)
  }
}
addSettings(SPECS)

/** The parsed value, or undefined after one warning that names `where` and the expected form. */
export function parseSetting(name: SettingName, raw: unknown, where: string): unknown {
  const spec = specs[name]!
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
