import type { Report } from './report.js'

export type Transport = (report: Report) => void | Promise<void>

export interface ErrorMonitorConfig {
  enabled?: boolean
  serverUrl?: string
  apikey?: string
  futureCalls?: { enabled?: boolean; maxDepth?: number }
  service?: string
  environment?: string
  release?: string
  discord?: { webhookUrl?: string }
  /** Inspect, edit or drop (return null) every report before it is sent. */
  beforeSend?: (report: Report) => Report | null | undefined
  /** Custom senders, called once per report. */
  transports?: Transport[]
}

export interface Settings {
  enabled: boolean
  futureCalls: { enabled: boolean; maxDepth: number }
  service?: string
  environment?: string
  release?: string
  beforeSend?: ErrorMonitorConfig['beforeSend']
  transports: Transport[]
}

const defaults = (): Settings => ({ enabled: true, futureCalls: { enabled: false, maxDepth: 5 }, transports: [] })

export const settings: Settings = defaults()

/** Settings in code: the highest-priority source. Each call merges over the last. */
export function configure(config: ErrorMonitorConfig): void {
  if (config.enabled !== undefined) settings.enabled = config.enabled !== false
  if (config.futureCalls?.enabled !== undefined) settings.futureCalls.enabled = config.futureCalls.enabled === true
  const depth = config.futureCalls?.maxDepth
  if (depth !== undefined) {
    if (Number.isInteger(depth) && depth >= 0) settings.futureCalls.maxDepth = depth
    else console.warn(`errorweave: futureCalls.maxDepth must be a whole number >= 0; keeping ${settings.futureCalls.maxDepth}`)
  }
  for (const key of ['service', 'environment', 'release'] as const) if (config[key] !== undefined) settings[key] = config[key]
  if ('beforeSend' in config) settings.beforeSend = config.beforeSend
  if (config.transports) settings.transports = [...config.transports]
}

/** Back to the defaults: for tests and for hosts that reconfigure from scratch. */
export function resetConfiguration(): void {
  Object.assign(settings, defaults(), { service: undefined, environment: undefined, release: undefined, beforeSend: undefined })
}
