import { ENDPOINT, type Parse, type SettingName, type Spec } from './settings.js'

/** OTLP/HTTP's logs path, added to a base URL as OTEL_EXPORTER_OTLP_ENDPOINT's is (a URL that already ends with it is kept). */
export function withLogsPath(url: string): string {
  return /\/v1\/logs$/.test(url) ? url : `${url.replace(/\/$/, '')}/v1/logs`
}

/** `k1=v1,k2=v2` with percent-encoded values (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES), or an object of strings. */
const toPairs: Parse = (raw) => {
  const fromText = typeof raw === 'string'
  if (!fromText && (typeof raw !== 'object' || !raw)) return undefined
  const split = (pair: string): [string, unknown] => (pair.includes('=') ? [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] : [pair, undefined])
  const entries: Array<[string, unknown]> = fromText ? raw.split(',').filter((pair) => pair.trim()).map(split) : Object.entries(raw)
  const pairs: Record<string, string> = {}
  try {
    for (const [key, value] of entries) {
      if (typeof value !== 'string' || !/^[\w.-]+$/.test(key.trim())) return undefined
      pairs[key.trim()] = fromText ? decodeURIComponent(value.trim()) : value
    }
  } catch {
    return undefined
  }
  return pairs
}

/** OTLP export's settings, added by the Node entry (section 13 of DESIGN.md). */
export const OTLP_SETTINGS: Partial<Record<SettingName, Spec>> = {
  otlpEndpoint: {
    ...ENDPOINT,
    parse: (raw) => {
      const url = ENDPOINT.parse(raw) as string | undefined
      return url && withLogsPath(url)
    },
  },
  otlpHeaders: { parse: toPairs, expected: 'key=value pairs separated by commas (or an object of strings)', secret: true },
  otlpResource: { parse: toPairs, expected: 'key=value pairs separated by commas (or an object of strings)' },
}
