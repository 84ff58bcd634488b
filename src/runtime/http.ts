import { settings } from './config.js'
import { createSender, retryAfterMs, type Sender } from './sender.js'

/** The collector at server-url: one JSON report per POST, the API key in X-API-Key. */
export function collectorSender(): Sender {
  return createSender({
    label: 'server-url',
    destination: () => {
      if (!settings.serverUrl) return undefined
      const headers: Record<string, string> = settings.apikey ? { 'x-api-key': settings.apikey } : {}
      return { url: new URL(settings.serverUrl), headers }
    },
    encode: (report, lost) => JSON.stringify(lost > 0 ? { ...report, dropped: (report.dropped ?? 0) + lost } : report),
    waitFrom: (reply) => retryAfterMs(reply.header('retry-after')),
  })
}
