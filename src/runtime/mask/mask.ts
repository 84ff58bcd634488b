import { cap, TRUNCATED } from '../report/describe.js'
import type { Report } from '../report/types.js'
import { deepFreeze } from '../capture/table.js'
import { jsonCopy } from '../report/json-copy.js'

export const MASK = '[masked]'
/** Under the 64 KiB a browser allows in keepalive requests, and small enough for any collector. */
export const MAX_PAYLOAD = 60 * 1024

/** A word of a key, two adjacent words joined by '-', or all its words run together, that names a secret. */
const SECRET_WORD =
  /^(pass(word|wd|phrase)?|pwd|secret|token|auth(orization)?|cookies?|credentials?|session(id)?|sid|sig(nature)?|x?apikey|privatekey|cv[vc]|ssn|jwt|otp|(api|access|private|secret|signing|encryption|master|client|auth|license|session)-key|client-secret|set-cookie|(card|resident)-number)$/

/** `userPassword`, `x-api-key`, `ACCESS_TOKEN`, `set-cookie`: any word (or word pair) that names a secret. */
export function isSensitiveKey(key: string): boolean {
  let sensitive = knownKeys.get(key)
  if (sensitive === undefined) {
    sensitive = wordsOf(key).some((word) => SECRET_WORD.test(word))
    if (knownKeys.size < 1000) knownKeys.set(key, sensitive)
  }
  return sensitive
}

/** Reports repeat the same few hundred keys: each is split into words once. */
const knownKeys = new Map<string, boolean>()

function wordsOf(key: string): string[] {
  const words = key.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().match(/[a-z\d]+/g) ?? []
  const pairs = words.slice(1).map((word, index) => `${words[index]}-${word}`)
  return [...words, ...pairs, words.join('')]
}

/** Secrets after a name, masked with the name kept (group 1). */
const NAMED_SECRETS = [
  // Header-like lines keep their whole value secret: `Cookie: a=1; b=2`, `Authorization: Basic ...`.
  /(\b(?:proxy-)?(?:authorization|set-cookie|cookie)["']?[ \t]*[:=][ \t]*)(?:"[^"]*"|'[^']*'|[^\r\n"']+)/gi,
  /\b(Bearer\s+)[\w\-.~+/]{8,}=*/g,
  /\b(Basic\s+)[A-Za-z0-9+/]{12,}=*/g,
  /(\bhooks\.slack\.com\/services\/)[\w/]+/gi,
]
/**
 * `token=x`, `"authToken": "x"`, `X-Amz-Signature=x`, `AWS_SECRET_ACCESS_KEY: x` in any text: a name
 * (not part of a path) that isSensitiveKey accepts, then `:` or `=`, then the value up to a space or delimiter.
 */
const KEY_VALUE = /(?<![\w.\-/\\])(["']?)([A-Za-z_][\w-]*)\1([ \t]*[:=][ \t]*)(\[masked]|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|[^\s,;&"'})\]]+)/g
/** A password may hold spaces (`password: correct horse battery staple`): its value runs to the end of the line or a delimiter. */
const PASSWORD_WORD = /^(pass(word|wd|phrase)?|pwd)$/
/** Card number candidates (the first digit of a card's issuer, so epoch-millisecond timestamps are not): masked only when the Luhn checksum holds. */
const CARD = /(?<!\d)[2-6](?:[ -]?\d){12,18}(?!\d)/g
/** Korean resident registration number: YYMMDD-GNNNNNN. */
const RESIDENT = /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-?\s?[1-8]\d{6}(?!\d)/g
/** Credentials inside URLs: `postgres://user:pass@host`, `https://token@host`. */
const URL_CREDENTIALS = /(\b[a-z][\w+.-]*:\/\/)[^\s/?#@"'<>]+(?=@)/gi
const EMAIL_LOCAL_PART = /(?<![\w.+-])[\w.+-]+(?=@(?:[\w-]+\.)+[A-Za-z]{2,}\b)/g
/** An AWS secret access key: 40 characters of base64, masked when it mixes cases and digits (hex hashes have one case). */
const AWS_SECRET = /(?<![\w/+=])[A-Za-z\d+][A-Za-z\d/+]{39}(?![\w/+=])/g
/** Secrets masked whole. */
const SECRET_VALUES = [
  /-----BEGIN[A-Z ]* PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]* PRIVATE KEY-----|$)/g,
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g, // JWT
  // AWS access key ids, GitHub, GitLab, Slack, Stripe and Google API keys.
  /\b(?:A(?:KIA|SIA)[A-Z\d]{16}|gh[pousr]_[A-Za-z\d]{36,}|github_pat_\w{22,}|glpat-[\w-]{20,}|xox[abprs]-[\w-]{10,}|[rs]k_(?:live|test)_[A-Za-z\d]{10,}|whsec_[A-Za-z\d]{20,}|AIza[\w-]{35})(?![\w-])/g,
  AWS_SECRET,
  RESIDENT,
  CARD,
  /(?<![\d+])(?:\+82[ -]?1[016789]|01[016789])[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)/g, // Korean mobile
  /(?<![\d-])0(?:2|[3-6][1-5]|70)-\d{3,4}-\d{4}(?![\d-])/g, // Korean landline, written with hyphens
  /(?<![\w+])\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}[ .-]?\d{3,4}[ .-]?\d{3,4}(?!\d)/g, // international
  /(?<![\d-])(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}(?![\d-])/g, // North American
]

/** Every pattern needs a digit, a separator, `@`, `_`, `-` or a token prefix: most names skip them all. */
const MAYBE_SECRET = /[\d:=@_-]|bearer|basic|eyJ|AIza/i

/** Masks secrets inside free text: known secret values, named values, credentials in URLs, token formats, card, resident and phone numbers, e-mail local parts. */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) out = out.split(secret).join(MASK)
  if (!MAYBE_SECRET.test(out)) return out
  for (const pattern of SECRET_VALUES) out = out.replace(pattern, (match) => (isValueSecret(pattern, match) ? MASK : match))
  for (const pattern of NAMED_SECRETS) out = out.replace(pattern, `$1${MASK}`)
  // Both scan every word: only worth it when there is an '@'.
  if (out.includes('@')) out = out.replace(URL_CREDENTIALS, `$1${MASK}`).replace(EMAIL_LOCAL_PART, MASK)
  return maskNamedValues(out)
}

/**
 * The values of KEY_VALUE's matches whose name is secret. After an ordinary name the
 * search goes on at its value, which may itself be a name: `Error: token: x`.
 */
function maskNamedValues(text: string): string {
  let out = ''
  let done = 0
  KEY_VALUE.lastIndex = 0
  for (let match = KEY_VALUE.exec(text); match; match = KEY_VALUE.exec(text)) {
    const [, , key, , value] = match
    const valueAt = KEY_VALUE.lastIndex - value.length
    if (!isSensitiveKey(key)) {
      KEY_VALUE.lastIndex = valueAt
      continue
    }
    if (!/^["'[]/.test(value) && wordsOf(key).some((word) => PASSWORD_WORD.test(word))) KEY_VALUE.lastIndex = text.slice(valueAt).search(/[\r\n,;&"'})\]]|$/) + valueAt
    out += `${text.slice(done, valueAt)}${MASK}`
    done = KEY_VALUE.lastIndex
  }
  return out + text.slice(done)
}

function isValueSecret(pattern: RegExp, match: string): boolean {
  if (pattern === CARD) return isCardNumber(match)
  if (pattern === AWS_SECRET) return /[A-Z]/.test(match) && /[a-z]/.test(match) && /\d/.test(match)
  // Unseparated and starting with 1 is most often an epoch-millisecond timestamp: then the pre-2020 check digit decides.
  return pattern !== RESIDENT || /\D/.test(match) || match[0] !== '1' || isResidentNumber(match)
}

function isResidentNumber(digits: string): boolean {
  let sum = 0
  for (let index = 0; index < 12; index++) sum += Number(digits[index]) * ((index % 8) + 2)
  return (11 - (sum % 11)) % 10 === Number(digits[12])
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
  let payload = jsonCopy(report, {
    // The fingerprint and timestamp are ours and would only be damaged by text masking.
    text: (value, key, depth) => (depth === 1 && (key === 'fingerprint' || key === 'timestamp') ? cap(value, 100) : maskText(withoutCutWord(cap(value)), secrets)),
    key: (name) => maskText(cap(name, 200), secrets),
    // An empty secret stays visibly empty: "the token was missing" is worth knowing.
    field: (name, value) => (value !== undefined && value !== null && value !== '' && isSensitiveKey(name) ? MASK : undefined),
    maxDepth: 8,
    maxNodes: 2000,
  }) as Payload
  for (const shrink of SHRINK_STEPS) {
    if (fits(payload)) break
    payload = shrink({ ...payload, truncated: true })
  }
  return deepFreeze(payload) as unknown as Report
}

/**
 * A cut string's last word (its trailing run of token characters: letters, digits and the
 * punctuation of encoded keys) may be half a secret that no pattern recognizes any more: it goes.
 */
function withoutCutWord(text: string): string {
  if (!text.endsWith(TRUNCATED)) return text
  // A fragment shorter than the mask just goes, so a text cut to a bound stays within it.
  return text.slice(0, -TRUNCATED.length).replace(/[\w+/=.~-]+$/, (word) => (word.length >= MASK.length ? MASK : '')) + TRUNCATED
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
