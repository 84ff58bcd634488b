import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseSetting, setSource, type SettingName } from './settings.js'
import { parseProperties } from './properties.js'
import { warnOnce } from '../platform/warn.js'

const DEFAULT_FILE = 'error-monitor.properties'

/** Each setting's properties key and environment variable (DESIGN.md section 6); the others are set in code only. */
const NAMES: Partial<Record<SettingName, { property: string; env: string }>> = {
  enabled: { property: 'error.monitor.enabled', env: 'ERROR_MONITOR_ENABLED' },
  serverUrl: { property: 'error.monitor.server-url', env: 'ERROR_MONITOR_SERVER_URL' },
  apikey: { property: 'error.monitor.apikey', env: 'ERROR_MONITOR_APIKEY' },
  futureCallsEnabled: { property: 'error.monitor.future-calls.enabled', env: 'ERROR_MONITOR_FUTURE_CALLS_ENABLED' },
  futureCallsMaxDepth: { property: 'error.monitor.future-calls.max-depth', env: 'ERROR_MONITOR_FUTURE_CALLS_MAX_DEPTH' },
  service: { property: 'error.monitor.service', env: 'ERROR_MONITOR_SERVICE' },
  environment: { property: 'error.monitor.environment', env: 'ERROR_MONITOR_ENVIRONMENT' },
  release: { property: 'error.monitor.release', env: 'ERROR_MONITOR_RELEASE' },
  discordWebhookUrl: { property: 'error.monitor.discord.webhook-url', env: 'ERROR_MONITOR_DISCORD_WEBHOOK_URL' },
  otlpEndpoint: { property: 'error.monitor.otlp.endpoint', env: 'ERROR_MONITOR_OTLP_ENDPOINT' },
  ignore: { property: 'error.monitor.ignore', env: 'ERROR_MONITOR_IGNORE' },
  globalHandlers: { property: 'error.monitor.global-handlers', env: 'ERROR_MONITOR_GLOBAL_HANDLERS' },
  exitTimeoutMs: { property: 'error.monitor.exit-timeout-ms', env: 'ERROR_MONITOR_EXIT_TIMEOUT_MS' },
  spoolDir: { property: 'error.monitor.spool-dir', env: 'ERROR_MONITOR_SPOOL_DIR' },
}

function findSetting(by: 'property' | 'env', key: string): SettingName | undefined {
  return (Object.keys(NAMES) as SettingName[]).find((name) => NAMES[name]![by] === key)
}
const MAX_FILE_BYTES = 1024 * 1024

/** Node: the environment and the properties file, the two sources under configure(). */
export function loadNodeSettings(): void {
  setSource('file', fromFile())
  setSource('env', { ...fromOpenTelemetryEnvironment(process.env), ...fromEnvironment(process.env) })
}

export function fromEnvironment(env: NodeJS.ProcessEnv): Partial<Record<SettingName, unknown>> {
  const values: Partial<Record<SettingName, unknown>> = {}
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('ERROR_MONITOR_') || key === 'ERROR_MONITOR_CONFIG' || raw === undefined) continue
    const name = findSetting('env', key)
    if (!name) {
      warnOnce(`${key}: unknown setting; ignored`)
      continue
    }
    if (raw.trim() === '') {
      warnOnce(`${key} is set but empty; it counts as unset`)
      continue
    }
    const value = parseSetting(name, raw, key)
    if (value !== undefined) values[name] = value
  }
  return values
}

/**
 * The OpenTelemetry exporter variables, as the specification defines them: the logs endpoint
 * as given, else the base endpoint plus /v1/logs; headers (the logs ones win); resource
 * attributes, with OTEL_SERVICE_NAME over their service.name. errorweave's own keys win over them.
 */
export function fromOpenTelemetryEnvironment(env: NodeJS.ProcessEnv): Partial<Record<SettingName, unknown>> {
  const values: Partial<Record<SettingName, unknown>> = {}
  const parse = (name: SettingName, key: string) => (env[key] ? parseSetting(name, env[key], key) : undefined)
  const logsEndpoint = parse('otlpEndpoint', 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT') && new URL(env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT!.trim()).href
  const endpoint = logsEndpoint || parse('otlpEndpoint', 'OTEL_EXPORTER_OTLP_ENDPOINT')
  const headers = { ...(parse('otlpHeaders', 'OTEL_EXPORTER_OTLP_HEADERS') as object), ...(parse('otlpHeaders', 'OTEL_EXPORTER_OTLP_LOGS_HEADERS') as object) }
  const resource: Record<string, string> = { ...(parse('otlpResource', 'OTEL_RESOURCE_ATTRIBUTES') as object) }
  if (env.OTEL_SERVICE_NAME) resource['service.name'] = env.OTEL_SERVICE_NAME
  if (endpoint) values.otlpEndpoint = endpoint
  if (Object.keys(headers).length > 0) values.otlpHeaders = headers
  if (Object.keys(resource).length > 0) values.otlpResource = resource
  return values
}

/** ERROR_MONITOR_CONFIG names the file, else ./error-monitor.properties (silently optional). */
function fromFile(): Partial<Record<SettingName, unknown>> {
  const named = process.env.ERROR_MONITOR_CONFIG
  const shown = named || DEFAULT_FILE
  let text: string
  try {
    const buffer = readFileSync(resolve(named || DEFAULT_FILE))
    if (buffer.length > MAX_FILE_BYTES) {
      warnOnce(`${shown}: larger than 1 MiB; not read`)
      return {}
    }
    text = buffer.toString('utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error'
    // The default file is optional; one that exists but cannot be read is not.
    if (named) warnOnce(`ERROR_MONITOR_CONFIG names ${shown}, which cannot be read (${code}); it is ignored`)
    else if (code !== 'ENOENT') warnOnce(`${shown} exists but cannot be read (${code}); it is ignored`)
    return {}
  }
  return fromProperties(text, shown)
}

/** The settings a properties text gives; one warning per malformed line, unknown key or bad value. */
export function fromProperties(text: string, shown: string): Partial<Record<SettingName, unknown>> {
  const { entries, problems } = parseProperties(text)
  for (const problem of problems) warnOnce(`${shown}:${problem.line}: ${problem.message}; the line is ignored`)
  const values: Partial<Record<SettingName, unknown>> = {}
  let relevant = 0
  for (const entry of entries) {
    if (!entry.key.startsWith('error.monitor.')) continue
    relevant++
    const name = findSetting('property', entry.key)
    if (!name) {
      warnOnce(`${shown}:${entry.line}: unknown key ${entry.key}; ignored`)
      continue
    }
    const value = parseSetting(name, entry.value, `${shown}:${entry.line}: ${entry.key}`)
    if (value !== undefined) values[name] = value
  }
  if (relevant === 0 && entries.length + problems.length > 0) warnOnce(`${shown}: no error.monitor.* keys found; is this the right file?`)
  return values
}
