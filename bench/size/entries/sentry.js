// @sentry/browser without default integrations: a client, the fetch transport, the stack parser.
import { BrowserClient, captureException, defaultStackParser, getCurrentScope, makeFetchTransport } from '@sentry/browser'

const client = new BrowserClient({
  dsn: 'https://public@o0.ingest.sentry.io/0',
  transport: makeFetchTransport,
  stackParser: defaultStackParser,
  integrations: [],
})
getCurrentScope().setClient(client)
client.init()

export function report(error) {
  captureException(error)
}
