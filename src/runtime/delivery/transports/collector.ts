import { settings } from '../../config/settings.js'
import { createSender, retryAfterMs } from '../sender.js'
import type { Sender } from '../types.js'

/** The collector at server-url: one JSON report per POST, the API key in X-API-Key. */
export function collectorSender(): Sender {
  return createSender({
    label: 'server-url',
    destination: () => {
      const { serverUrl, apikey } = settings
      const headers: Record<string, string> = apikey ? { 'x-api-key': apikey } : {}
      return serverUrl ? { url: new URL(serverUrl), headers } : undefined
    },
    encode: (report, lost) => JSON.stringify(lost > 0 ? { ...report, dropped: (report.dropped ?? 0) + lost } : report),
    waitFrom: (reply) => retryAfterMs(reply.header('retry-after')),
  })
}
