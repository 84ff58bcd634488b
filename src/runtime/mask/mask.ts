import { cap } from '../report/describe.js'
import type { Report } from '../report/types.js'
import { deepFreeze } from '../capture/table.js'

export const MASK = '[masked]'
/** Under the 64 KiB a browser allows in keepalive requests, and small enough for any collector. */
export const MAX_PAYLOAD = 60 * 1024
const MAX_DEPTH = 8
const MAX_ITEMS = 100
const MAX_NODES = 2000

/** A word of a key, two adjacent words joined by '-', or all its words run together, that names a secret. */
const SECRET_WORD =
  /^(pass(word|wd|phrase)?|pwd|secret|token|auth(orization)?|cookies?|credentials?|session(id)?|sid|x?apikey|privatekey|signature|cv[vc]|ssn|jwt|otp|(api|access|private|secret)-key|client-secret|set-cookie|(card|resident)-number)$/

/** `userPassword`, `x-api-key`, `ACCESS_TOKEN`, `set-cookie`: any word (or word pair) that names a secret. */
export function isSensitiveKey(key: string): boolean {
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().match(/[a-z\d]+/g) ?? []
  const pairs = words.slice(1).map((word, index) => `${words[index]}-${word}`)
  return [...words, ...pairs, words.join('')].some((word) => SECRET_WORD.test(word))
}

/** Secrets after a name, masked with the name kept (group 1). A value already masked matches as is. */
const NAMED_SECRETS = [
  // Header-like lines keep their whole value secret: `Cookie: a=1; b=2`, `Authorization: Basic ...`.
  /(\b(?:proxy-)?(?:authorization|set-cookie|cookie)["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|[^\r\n"']+)/gi,
  // `password=x`, `"token": "x"`, `api_key: x` inside any text.
  /(["']?\b(?:passw(?:or)?d|pwd|(?:client[_-]?)?secret|(?:(?:access|refresh)[_-]?)?token|(?:api|private)[_-]?key|session[_-]?id|credentials?)\b["']?\s*[:=]\s*)(?:\[masked]|"[^"]*"|'[^']*'|[^\s,;&"'})\]]+)/gi,
  /\b(Bearer\s+)[\w\-.~+/]{8,}=*/g,
  /\b(Basic\s+)[A-Za-z0-9+/]{12,}=*/g,
]
/** Card number candidates: masked only when the Luhn checksum holds. */
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g
/** Secrets masked whole. */
const SECRET_VALUES = [
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g, // JWT
  /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-?\s?[1-8]\d{6}(?!\d)/g, // Korean resident registration number: YYMMDD-GNNNNNN
  CARD,
  /(?<![\d+])(?:\+82[ -]?1[016789]|01[016789])[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)/g, // Korean mobile
  /(?<![\d-])0(?:2|[3-6][1-5]|70)-\d{3,4}-\d{4}(?![\d-])/g, // Korean landline, written with hyphens
  /(?<![\w+])\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}[ .-]?\d{3,4}[ .-]?\d{3,4}(?!\d)/g, // international
  /(?<![\d-])(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}(?![\d-])/g, // North American
]

/** Every pattern needs a digit, a separator or a token prefix: most names and paths skip them all. */
const MAYBE_SECRET = /[\d:=]|bearer|basic|eyJ/i

/** Masks secrets inside free text: known secret values, key=value pairs, tokens, card, resident and phone numbers. */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join(MASK)
  if (!MAYBE_SECRET.test(out)) return out
  for (const pattern of NAMED_SECRETS) out = out.replace(pattern, `$1${MASK}`)
  for (const pattern of SECRET_VALUES) out = out.replace(pattern, (match) => (pattern !== CARD || isCardNumber(match) ? MASK : match))
  return out
}

function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '')
  let sum = 0
  for (let index = 1; index <= digits.length; index++) {
    const digit = Number(digits[digits.length - index]) * (2 - (index % 2))
    sum += digit > 9 ? digit - 9 : digit
  }
  return sum % 10 === 0
}

/**
 * A JSON-safe, frozen copy of whatever beforeSend returned: secrets masked by key and
 * by value, strings, arrays, depth and node count capped, then the whole payload cut
 * to MAX_PAYLOAD. Getters that throw, cycles and exotic values cannot get through,
 * and no transport can change what the others send.
 */
export function sanitize(report: Report, secrets: readonly string[]): Report {
  let nodes = MAX_NODES
  const seen = new Set<object>()
  const copy = (value: unknown, depth: number, key?: string): unknown => {
    if (--nodes < 0) return undefined
    // The fingerprint and timestamp are ours and would only be damaged by text masking.
    if (typeof value === 'string') return depth === 1 && (key === 'fingerprint' || key === 'timestamp') ? cap(value, 100) : maskText(cap(value), secrets)
    if (typeof value === 'number') return Number.isFinite(value) ? value : null
    if (typeof value === 'bigint') return String(value)
    if (typeof value !== 'object' || value === null) return typeof value === 'boolean' || value === null ? value : undefined
    if (depth >= MAX_DEPTH || seen.has(value)) return '[omitted]'
    seen.add(value)
    try {
      if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => copy(item, depth + 1) ?? null)
      const out: Record<string, unknown> = {}
      for (const name of Object.keys(value).slice(0, MAX_ITEMS)) {
        let field: unknown
        try {
          field = (value as Record<string, unknown>)[name]
        } catch {
          field = '[unreadable]'
        }
        const copied = !isSensitiveKey(name) ? copy(field, depth + 1, name) : field === undefined || field === null || field === '' ? (field ?? null) : MASK
        if (copied !== undefined) out[maskText(cap(name, 200), secrets)] = copied
      }
      return out
    } catch {
      return '[unreadable]'
    } finally {
      seen.delete(value)
    }
  }
  let payload = copy(report, 0) as Payload
  for (const shrink of SHRINK_STEPS) {
    if (fits(payload)) break
    payload = shrink({ ...payload, truncated: true })
  }
  return deepFreeze(payload) as unknown as Report
}

type Payload = Record<string, any>

const CORE_KEYS = ['class', 'method', 'line', 'message', 'severity', 'futureCalls', 'file', 'column', 'errorType', 'woven', 'timestamp', 'fingerprint', 'count', 'service', 'environment', 'release', 'dropped']

/** Ways to shrink an oversized payload, least useful parts first; the last always fits. */
const SHRINK_STEPS: Array<(report: Payload) => Payload> = [
  (report) => {
    if (typeof report.stack === 'string') report.stack = cap(report.stack, 4096)
    if (Array.isArray(report.cause)) report.cause = report.cause.slice(0, 3).map((cause) => (cause && typeof cause === 'object' ? { ...cause, stack: null } : cause))
    return report
  },
  (report) => {
    report.futureCallSites = []
    if (Array.isArray(report.chain)) report.chain = report.chain.slice(0, 8)
    if (typeof report.message === 'string') report.message = cap(report.message, 4096)
    return report
  },
  (report) => {
    for (const key of Object.keys(report)) if (!CORE_KEYS.includes(key) && !['caller', 'chain', 'comment', 'truncated'].includes(key)) delete report[key]
    report.stack = null
    return report
  },
  (report) => {
    const minimal: Payload = { truncated: true }
    for (const key of CORE_KEYS) if (key in report) minimal[key] = typeof report[key] === 'string' ? cap(report[key], 1000) : report[key]
    if (Array.isArray(minimal.futureCalls)) minimal.futureCalls = minimal.futureCalls.slice(0, 20)
    return minimal
  },
]

function fits(report: Payload): boolean {
  const json = JSON.stringify(report)
  // A UTF-16 unit is at most 3 UTF-8 bytes: short payloads need no exact count.
  return json.length * 3 <= MAX_PAYLOAD || utf8Length(json) <= MAX_PAYLOAD
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}
