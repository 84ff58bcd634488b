import path from 'node:path'
import { startCollector, type Collector, type CollectorOptions } from './server.js'

export const COLLECTOR_USAGE = `errorweave collector [--port N] [--host H] [--db FILE] [--apikey KEY] [--token T] [--alerts FILE]
      [--trace-url URL] [--public-url URL] [--retention-days N] [--max-db-mb N] [--tls | --cert FILE --key FILE] [--out FILE]`

const COLLECTOR_OPTIONS = `  A self-hosted error tracker: reports in SQLite, the dashboard at /, the JSON API under /api/.
  --port N             listen port (default 7319; 0 picks a free one)
  --host H             listen address (default 127.0.0.1; beyond loopback --token is required)
  --db FILE            the SQLite database file (default ./errorweave.db)
  --apikey KEY         reports must carry this X-API-Key
  --token T            the dashboard and /api/ need this token
  --alerts FILE        alert rules (JSON): new issue, regression, rate; Discord, Slack, webhooks
  --trace-url URL      links trace ids, {traceId} replaced
  --public-url URL     the dashboard's address in alerts
  --retention-days N   reports older than N days go (default 30)
  --max-db-mb N        the oldest reports go past this size (default 512)
  --tls, --cert/--key  HTTPS with a generated or given certificate
  --out FILE           also append each report to FILE as one JSON line`

const TEXT_FLAGS = { '--host': 'host', '--db': 'db', '--apikey': 'apikey', '--token': 'token', '--alerts': 'alerts', '--trace-url': 'traceUrl', '--public-url': 'publicUrl', '--out': 'out', '--cert': 'cert', '--key': 'key' } as const
const NUMBER_FLAGS = { '--port': ['port', 0, 65535], '--retention-days': ['retentionDays', 1, 36500], '--max-db-mb': ['maxDbMb', 1, 1_048_576] } as const
type Flags = { tls: boolean } & Partial<Record<(typeof TEXT_FLAGS)[keyof typeof TEXT_FLAGS], string> & Record<(typeof NUMBER_FLAGS)[keyof typeof NUMBER_FLAGS][0], number>>

/** `errorweave collector`: runs until Ctrl-C. */
export async function runCollector(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: ${COLLECTOR_USAGE}\n${COLLECTOR_OPTIONS}`)
    return 0
  }
  const flags = parseFlags(args)
  if (typeof flags === 'string') {
    console.error(`${flags}\nusage: ${COLLECTOR_USAGE}`)
    return 2
  }
  const db = flags.db ?? 'errorweave.db'
  const options: CollectorOptions = {
    port: flags.port,
    host: flags.host,
    db,
    apikey: flags.apikey ?? process.env.ERROR_MONITOR_APIKEY,
    token: flags.token ?? process.env.ERRORWEAVE_TOKEN,
    alerts: flags.alerts,
    traceUrl: flags.traceUrl,
    publicUrl: flags.publicUrl,
    retentionDays: flags.retentionDays,
    maxStoredBytes: flags.maxDbMb === undefined ? undefined : flags.maxDbMb * 1024 * 1024,
    tls: flags.cert && flags.key ? { certFile: flags.cert, keyFile: flags.key } : flags.tls,
    out: flags.out,
  }
  let collector: Collector
  try {
    collector = await startCollector(options)
  } catch (error) {
    console.error(`errorweave collector: ${(error as Error).message}`)
    return 1
  }
  console.log(`errorweave collector on ${collector.url}  (POST /report; dashboard ${collector.url}/, JSON under /api/)`)
  console.log(`  database ${path.resolve(db)} (${collector.engine}), keeping ${options.retentionDays ?? 30} days and at most ${flags.maxDbMb ?? 512} MiB of reports`)
  if (flags.out) console.log(`  reports are also appended to ${path.resolve(flags.out)}`)
  console.log(options.apikey ? '  X-API-Key is checked' : '  no API key set (--apikey or ERROR_MONITOR_APIKEY): every report is accepted')
  console.log(options.token ? '  the dashboard and /api/ need the token (open the dashboard once with ?token=...)' : '  the dashboard and /api/ answer on this machine only (no --token)')
  if (typeof options.alerts === 'string') console.log(`  alert rules from ${path.resolve(options.alerts)}`)
  if (collector.caFile) console.log(`  self-signed certificate: trust it with NODE_EXTRA_CA_CERTS=${collector.caFile}`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await collector.close()
  return 0
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { tls: false }
  for (let index = 0; index < args.length; index++) {
    const [name, inline] = args[index].split(/=(.*)/s, 2)
    const value = () => inline ?? args[++index]
    if (name === '--tls') {
      flags.tls = true
    } else if (name in NUMBER_FLAGS) {
      const [key, min, max] = NUMBER_FLAGS[name as keyof typeof NUMBER_FLAGS]
      const number = Number(value())
      if (!Number.isInteger(number) || number < min || number > max) return `${name} takes a number from ${min} to ${max}`
      flags[key] = number
    } else if (name in TEXT_FLAGS) {
      const text = value()
      if (!text) return `${name} takes a value`
      flags[TEXT_FLAGS[name as keyof typeof TEXT_FLAGS]] = text
    } else {
      return `unknown argument ${args[index]}`
    }
  }
  if (!!flags.cert !== !!flags.key) return '--cert and --key go together'
  return flags
}
