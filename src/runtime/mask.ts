import { cap } from './describe.js'
import type { Report } from './report.js'

export const MASK = '[masked]'
/** Under the 64 KiB a browser allows in keepalive requests, and small enough for any collector. */
export const MAX_PAYLOAD = 60 * 1024
const MAX_DEPTH = 8
const MAX_ITEMS = 100
const MAX_NODES = 2000

const SENSITIVE_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'auth', 'authorization', 'cookie', 'cookies',
  'credential', 'credentials', 'session', 'sessionid', 'sid', 'apikey', 'xapikey', 'privatekey', 'signature', 'cvv', 'cvc', 'ssn', 'jwt', 'otp',
])
const SENSITIVE_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'client secret', 'set cookie', 'card number', 'resident number'])

const keyVerdicts = new Map<string, boolean>()

/** `userPassword`, `x-api-key`, `ACCESS_TOKEN`, `set-cookie`: any word (or word pair) that names a secret. */
export function isSensitiveKey(key: string): boolean {
  let verdict = keyVerdicts.get(key)
  if (verdict === undefined) {
    verdict = judgeKey(key)
    if (keyVerdicts.size < 1000) keyVerdicts.set(key, verdict)
  }
  return verdict
}

function judgeKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  if (words.some((word) => SENSITIVE_WORDS.has(word))) return true
  for (let index = 1; index < words.length; index++) if (SENSITIVE_PAIRS.has(`${words[index - 1]} ${words[index]}`)) return true
  return SENSITIVE_WORDS.has(words.join(''))
}

const KEYWORD = String.raw`passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?token|refresh[_-]?token|client[_-]?secret|session[_-]?id|credentials?|private[_-]?key`
/** `password=x`, `"token": "x"`, `api_key: x` inside any text. */
const INLINE_SECRET = new RegExp(String.raw`(["']?\b(?:${KEYWORD})\b["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'})\]]+)`, 'gi')
/** Header-like lines keep their whole value secret: `Cookie: a=1; b=2`, `Authorization: Basic ...`. */
const HEADER_SECRET = /(\b(?:proxy-)?(?:authorization|set-cookie|cookie)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\r\n"']+)/gi
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*|\b(Basic\s+)[A-Za-z0-9+/]{12,}=*/g
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g
/** Korean resident registration number: YYMMDD-GNNNNNN (G = 1..8), hyphen optional. */
const RESIDENT_NUMBER = /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-?\s?[1-8]\d{6}(?!\d)/g
const CARD_CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g
const PHONES = [
  /(?<![\d+])(?:\+82[ -]?1[016789]|01[016789])[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)/g, // Korean mobile
  /(?<![\d-])0(?:2|[3-6][1-5]|70)-\d{3,4}-\d{4}(?![\d-])/g, // Korean landline, written with hyphens
  /(?<![\w+])\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}[ .-]?\d{3,4}[ .-]?\d{3,4}(?!\d)/g, // international
  /(?<![\d-])(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}(?![\d-])/g, // North American
]

const MAYBE_SECRET = /[\d:=]|bearer|basic|eyJ/i

/** Masks secrets inside free text: known secret values, key=value pairs, tokens, card, resident and phone numbers. */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK)
  // Every pattern below needs a digit, a separator or a token prefix: most names and paths skip them all.
  if (!MAYBE_SECRET.test(out)) return out
  out = out
    .replace(HEADER_SECRET, `$1${MASK}`)
    .replace(INLINE_SECRET, (match, prefix: string, value: string) => (value === MASK ? match : prefix + MASK))
    .replace(BEARER, (_match, bearer: string | undefined, basic: string | undefined) => (bearer ?? basic) + MASK)
    .replace(JWT, MASK)
    .replace(RESIDENT_NUMBER, MASK)
    .replace(CARD_CANDIDATE, (match) => (isCardNumber(match) ? MASK : match))
  for (const phone of PHONES) out = out.replace(phone, MASK)
  return out
}

function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  let sum = 0
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
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
  const budget = { nodes: MAX_NODES }
  const clean = copy(report, 0, secrets, budget, new Set()) as Record<string, unknown>
  return deepFreeze(fit(clean)) as unknown as Report
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** Keys whose values are ours and would only be damaged by text masking. */
const VERBATIM = new Set(['fingerprint', 'timestamp'])

function copy(value: unknown, depth: number, secrets: readonly string[], budget: { nodes: number }, seen: Set<object>, key = ''): unknown {
  if (--budget.nodes < 0) return undefined
  switch (typeof value) {
    case 'string':
      return VERBATIM.has(key) && depth === 1 ? cap(value, 100) : maskText(cap(value), secrets)
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'boolean':
      return value
    case 'bigint':
      return value.toString()
    case 'object':
      break
    default:
      return undefined
  }
  if (value === null) return null
  if (depth >= MAX_DEPTH || seen.has(value as object)) return '[omitted]'
  seen.add(value as object)
  try {
    if (Array.isArray(value)) {
      const items: unknown[] = []
      for (let index = 0; index < Math.min(value.length, MAX_ITEMS); index++) items.push(copy(value[index], depth + 1, secrets, budget, seen) ?? null)
      return items
    }
    const out: Record<string, unknown> = {}
    for (const name of Object.keys(value as object).slice(0, MAX_ITEMS)) {
      let field: unknown
      try {
        field = (value as Record<string, unknown>)[name]
      } catch {
        field = '[unreadable]'
      }
      const safeName = maskText(cap(name, 200), secrets)
      if (isSensitiveKey(name)) {
        out[safeName] = field === null || field === undefined || field === '' ? field ?? null : MASK
        continue
      }
      const copied = copy(field, depth + 1, secrets, budget, seen, name)
      if (copied !== undefined) out[safeName] = copied
    }
    return out
  } catch {
    return '[unreadable]'
  } finally {
    seen.delete(value as object)
  }
}

const SEED_KEYS = ['class', 'method', 'line', 'message', 'severity', 'futureCalls']
const CORE_KEYS = [...SEED_KEYS, 'file', 'column', 'errorType', 'woven', 'timestamp', 'fingerprint', 'count', 'service', 'environment', 'release', 'dropped']

/** Shrinks an oversized payload step by step, least useful parts first. */
function fit(report: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.stringify(report)
  // A UTF-16 unit is at most 3 UTF-8 bytes: short payloads need no exact count.
  if (json.length * 3 <= MAX_PAYLOAD || utf8Length(json) <= MAX_PAYLOAD) return report
  const steps: Array<(r: Record<string, unknown>) => void> = [
    (r) => {
      if (typeof r.stack === 'string') r.stack = cap(r.stack, 4096)
      if (Array.isArray(r.cause)) r.cause = r.cause.slice(0, 3).map((c) => (c && typeof c === 'object' ? { ...c, stack: null } : c))
    },
    (r) => {
      r.futureCallSites = []
      if (Array.isArray(r.chain)) r.chain = r.chain.slice(0, 8)
      if (typeof r.message === 'string') r.message = cap(r.message, 4096)
    },
    (r) => {
      for (const key of Object.keys(r)) if (!CORE_KEYS.includes(key) && !['caller', 'chain', 'comment', 'truncated'].includes(key)) delete r[key]
      r.stack = null
    },
  ]
  const shrunk = { ...report, truncated: true }
  for (const step of steps) {
    step(shrunk)
    if (utf8Length(JSON.stringify(shrunk)) <= MAX_PAYLOAD) return shrunk
  }
  const minimal: Record<string, unknown> = { truncated: true }
  for (const key of CORE_KEYS) if (key in report) minimal[key] = typeof report[key] === 'string' ? cap(report[key] as string, 1000) : report[key]
  if (Array.isArray(minimal.futureCalls)) minimal.futureCalls = (minimal.futureCalls as unknown[]).slice(0, 20)
  return minimal
}

export function utf8Length(text: string): number {
  let bytes = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      index++
    } else bytes += 3
  }
  return bytes
}
