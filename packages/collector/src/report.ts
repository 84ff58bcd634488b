import { createHash } from 'node:crypto'

/** A report as the runtime sends it (README, "The report"); checked by `checkReport` before it is stored. */
export type Report = Record<string, unknown>

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object'
/** The type of every field the collector reads; `null` is accepted wherever the runtime may send it. */
const FIELDS: Record<string, Kind> = {
  class: 'string', method: 'string', line: 'number', column: 'number', severity: 'string', file: 'string', comment: 'string',
  errorType: 'string', woven: 'boolean', mechanism: 'string', category: 'string', futureCalls: 'array', futureCallSites: 'array',
  caller: 'object', chain: 'array', request: 'object', user: 'object', tags: 'object', traceId: 'string', spanId: 'string',
  stack: 'string', cause: 'array', timestamp: 'string', fingerprint: 'string', count: 'number', dropped: 'number',
  affectedUsers: 'object', service: 'string', environment: 'string', release: 'string',
}

/** Why a parsed body is not a report we can store, or undefined when it is one. */
export function checkReport(value: unknown): string | undefined {
  if (!isObject(value)) return 'a report is one JSON object'
  if (typeof value.message !== 'string') return '`message` must be a string'
  for (const [name, kind] of Object.entries(FIELDS)) {
    const field = value[name]
    if (field !== undefined && field !== null && kindOf(field) !== kind) return `\`${name}\` must be ${kind === 'array' || kind === 'object' ? `an ${kind}` : `a ${kind}`}`
  }
  if (value.count !== undefined && value.count !== null && !(Number.isSafeInteger(value.count) && (value.count as number) >= 1)) return '`count` must be a whole number from 1'
  if (Array.isArray(value.chain) && !value.chain.every(isObject)) return '`chain` must hold objects'
  return undefined
}

function kindOf(value: unknown): Kind | undefined {
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? (type as Kind) : undefined
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A field as text, '' when absent; only strings and numbers count (a checked report holds no other scalars there). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

/** `Class.method`, the function name, or the mechanism for a report no woven function saw. */
export function functionName(report: Report): string {
  const name = `${report.class ? `${text(report.class)}.` : ''}${text(report.method)}`
  return name || `(${text(report.mechanism) || 'unknown'})`
}

export function errorType(report: Report): string {
  return text(report.errorType) || /^([A-Za-z_$][\w$]*):/.exec(text(report.message))?.[1] || 'Error'
}

/** `file:line:column`, as far as the report knows it. */
export function location(report: Report): string {
  if (!report.file) return ''
  return [text(report.file), text(report.line), text(report.column)].filter(Boolean).join(':')
}

/**
 * The runtime's fingerprint (type, normalized message, location); for a report without
 * one, the same ingredients hashed here, numbers and quoted values left out of the message.
 */
export function fingerprintOf(report: Report): string {
  const given = text(report.fingerprint)
  if (given) return given.slice(0, 200)
  const message = text(report.message).split('\n')[0].replace(/(['"`]).*?\1/g, '?').replace(/\d+/g, '0')
  return createHash('sha256').update([errorType(report), functionName(report), location(report), message].join('\n')).digest('hex').slice(0, 32)
}

/** The user ids a report stands for, and how many more users it counted without naming them. */
export function usersOf(report: Report): { ids: string[]; unnamed: number } {
  const ids = new Set<string>()
  const user = isObject(report.user) ? report.user : undefined
  if (user && (typeof user.id === 'string' || typeof user.id === 'number')) ids.add(String(user.id))
  const affected = isObject(report.affectedUsers) ? report.affectedUsers : undefined
  const sample = Array.isArray(affected?.sample) ? affected.sample.filter((id) => typeof id === 'string' || typeof id === 'number').map(String) : []
  for (const id of sample) ids.add(id)
  const counted = typeof affected?.count === 'number' && Number.isSafeInteger(affected.count) ? affected.count : 0
  return { ids: [...ids].slice(0, 10), unnamed: Math.max(0, counted - ids.size) }
}

/**
 * Report text as a terminal may show it: C0/C1 control codes (escape sequences that
 * clear the screen, move the cursor or set the title) and bidirectional overrides removed.
 */
export function terminalSafe(value: string): string {
  return value.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
}

/** Two to five lines a person can read: where, what, who called, what would have run next. */
export function describeReport(report: Report, index: number): string {
  const where = `${report.class ? `${text(report.class)}.` : ''}${text(report.method)}${report.line != null ? `:${text(report.line)}` : ''}`
  const place = report.file ? `  ${text(report.file)}:${text(report.line)}:${text(report.column)}` : ''
  const count = typeof report.count === 'number' && report.count > 1 ? `  x${report.count}` : ''
  const dropped = typeof report.dropped === 'number' && report.dropped > 0 ? `  (${report.dropped} lost before)` : ''
  const time = typeof report.timestamp === 'string' ? report.timestamp.slice(11, 19) : '--:--:--'
  const lines = [`#${index} ${time} ${text(report.severity).padEnd(5)} ${where}${place}${count}${dropped}`, `    ${text(report.message).split('\n')[0]}`]
  const caller = isObject(report.caller) ? report.caller : undefined
  if (caller) lines.push(`    caller  ${text(caller.function) || '(anonymous)'}${caller.file ? ` (${text(caller.file)}:${text(caller.line)})` : ''}`)
  if (Array.isArray(report.futureCalls) && report.futureCalls.length > 0) lines.push(`    next    ${report.futureCalls.map(text).join(' -> ')}`)
  if (Array.isArray(report.chain) && report.chain.length > 0) {
    lines.push(`    through ${report.chain.filter(isObject).map((entry) => `${entry.class ? `${text(entry.class)}.` : ''}${text(entry.method)}:${text(entry.line)}`).join(' <- ')}`)
  }
  return terminalSafe(lines.join('\n'))
}
