import type { RequestOptions } from './types.js'

/** Address bytes: 4 for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6. */
type Bytes = number[]
interface Range {
  bytes: Bytes
  bits: number
}

/** Express's names for the usual private ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

/**
 * The client's address: the socket peer, or, behind trusted proxies only, the
 * X-Forwarded-For hop the trust setting points at (the same rules as Express's
 * `trust proxy`). `true` trusts every hop; a number trusts that many hops from the
 * socket; a list trusts the addresses and ranges it names.
 */
export function clientIpOf(peer: string | undefined, forwardedFor: string | undefined, trust: RequestOptions['trustProxy']): string | undefined {
  const socket = peer === undefined ? undefined : shown(peer)
  if (!trust || !forwardedFor) return socket
  const hops = forwardedFor.split(',').map((hop) => hop.trim()).filter(Boolean).slice(-100)
  if (trust === true) return valid(hops[0]) ?? socket
  // Nearest first: the socket peer, then what each proxy says it received from.
  const chain = [socket, ...hops.reverse().map(valid)]
  let index = 0
  if (typeof trust === 'number') index = Math.min(Math.max(0, Math.floor(trust)), chain.length - 1)
  else {
    const ranges = trustedRanges(trust)
    while (index < chain.length - 1 && isTrusted(chain[index], ranges)) index++
  }
  // A hop that is not an address ends the trust: the last address before it is the client.
  while (index > 0 && chain[index] === undefined) index--
  return chain[index]
}

function isTrusted(address: string | undefined, ranges: Range[]): boolean {
  const bytes = address === undefined ? undefined : parseIp(address)
  return !!bytes && ranges.some((range) => contains(range, bytes))
}

const rangeCache = new WeakMap<object, Range[]>()
const textCache = new Map<string, Range[]>()

function trustedRanges(trust: string | readonly string[]): Range[] {
  const cached = typeof trust === 'string' ? textCache.get(trust) : rangeCache.get(trust)
  if (cached) return cached
  const entries = (typeof trust === 'string' ? [trust] : [...trust]).flatMap((entry) => String(entry).split(','))
  const ranges = entries.flatMap((entry) => NAMED_RANGES[entry.trim()] ?? [entry.trim()]).map(parseRange).filter((range): range is Range => !!range)
  if (typeof trust === 'string') {
    if (textCache.size < 100) textCache.set(trust, ranges)
  } else rangeCache.set(trust, ranges)
  return ranges
}

function parseRange(text: string): Range | undefined {
  const [address, prefix] = text.split('/')
  const bytes = parseIp(address)
  if (!bytes) return undefined
  const bits = prefix === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(prefix) ? Number(prefix) - (bytes.length === 4 && isMappedText(address) ? 96 : 0) : NaN
  return bits >= 0 && bits <= bytes.length * 8 ? { bytes, bits } : undefined
}

function contains(range: Range, bytes: Bytes): boolean {
  if (range.bytes.length !== bytes.length) return false
  for (let bit = 0; bit < range.bits; bit += 8) {
    const mask = (0xff << (8 - Math.min(8, range.bits - bit))) & 0xff
    if ((range.bytes[bit >> 3] & mask) !== (bytes[bit >> 3] & mask)) return false
  }
  return true
}

/** The address as shown in reports: no brackets, zone or port; IPv4-mapped IPv6 as plain IPv4. */
function shown(text: string): string {
  const bare = stripped(text)
  const bytes = parseIp(bare)
  return bytes?.length === 4 ? bytes.join('.') : bare.slice(0, 64)
}

function valid(text: string | undefined): string | undefined {
  return text !== undefined && parseIp(text) ? shown(text) : undefined
}

/** `[::1]:8080` → `::1`, `1.2.3.4:5678` → `1.2.3.4`, `fe80::1%eth0` → `fe80::1`. */
function stripped(text: string): string {
  const trimmed = text.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed)
  if (bracketed) return bracketed[1].split('%')[0]
  if (/^[\d.]+:\d+$/.test(trimmed)) return trimmed.split(':')[0]
  return trimmed.split('%')[0]
}

const isMappedText = (text: string) => /^::ffff:/i.test(stripped(text))

export function parseIp(text: string): Bytes | undefined {
  const bare = stripped(text)
  if (!bare.includes(':')) return parseV4(bare)
  const v6 = parseV6(bare)
  // IPv4-mapped (::ffff:a.b.c.d) compares as the IPv4 address it carries.
  return v6 && v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff ? v6.slice(12) : v6
}

function parseV4(text: string): Bytes | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined
  return parts.map(Number)
}

function parseV6(text: string): Bytes | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (half: string) => (half ? half.split(':') : [])
  const head = groupsOf(halves[0])
  const tail = halves.length === 2 ? groupsOf(halves[1]) : []
  const last = halves.length === 2 ? tail : head
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    const v4 = parseV4(last.pop()!)
    if (!v4) return undefined
    last.push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16))
  }
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const groups = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  if (!groups.every((group) => /^[\da-f]{1,4}$/i.test(group))) return undefined
  return groups.flatMap((group) => {
    const value = parseInt(group, 16)
    return [value >> 8, value & 0xff]
  })
}
