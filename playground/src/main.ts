// The shop's entry point: an Express server in front of the services (errorweave/express
// gives every report its request, user and trace), then a few customers' requests over
// real HTTP, some of which fail. Reports go to the server named by
// ERROR_MONITOR_SERVER_URL (the demo's local collector).
import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import { configure, flush } from 'errorweave'
import { errorHandler, requestContext } from 'errorweave/express'
import { BillingService, FakeGateway } from './billing.js'
import { CheckoutController } from './checkout.js'
import { OrderService, type Order, type OrderLine } from './orders.js'

configure({
  service: 'shop',
  environment: 'playground',
  release: '1.0.0',
  futureCalls: { enabled: true },
})

const orders = new OrderService(new BillingService(new FakeGateway()))
const mailer = {
  send(to: string) {
    if (to === 'bob') throw new Error('mailbox full')
  },
}
const checkout = new CheckoutController(orders, mailer)

/** A batch job outside any woven function: its report's caller comes from the stack. */
function nightlyTotals(queue: Order[]): number {
  let total = 0
  for (const queued of queue) total += orders.subtotal(queued)
  return total
}

type SignedIn = Request & { user?: { id: string; role: string } }

/** The demo's stand-in for authentication: `Authorization: Bearer token-for-<name>`. */
function signIn(req: SignedIn, _res: Response, next: NextFunction): void {
  const name = /^Bearer token-for-(\w+)$/.exec(req.get('authorization') ?? '')?.[1]
  if (name) req.user = { id: name, role: name === 'ops' ? 'ROLE_ADMIN' : 'ROLE_CUSTOMER' }
  next()
}

const priced = (lines: Array<Pick<OrderLine, 'sku' | 'quantity'>>): OrderLine[] => lines.map((line) => ({ ...line, unitCents: 1250 }))

const app = express()
// The demo runs behind no real proxy: its requests come from 127.0.0.1 and say whom they forward for.
app.use(requestContext({ user: (req: SignedIn) => req.user, trustProxy: 'loopback' }))
app.use(express.json())
app.use(signIn)
app.post('/checkout/:orderId', async (req: SignedIn, res) => {
  const { lines, coupon } = req.body as { lines: OrderLine[]; coupon?: string }
  const result = await checkout.checkout({ id: String(req.params.orderId), customer: req.user?.id ?? 'guest', lines: priced(lines), coupon })
  res.status(result.status).json(result)
})
app.post('/jobs/nightly-totals', (req, res) => {
  res.json({ total: nightlyTotals(req.body.orders) })
})
app.use(errorHandler())
// The shop's own error answer: errorweave's errorHandler hands every error on to it unchanged.
app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: String(error) })
})

const server = app.listen(0, '127.0.0.1')
await new Promise((resolve) => server.once('listening', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const book = (quantity: number) => [{ sku: 'book', quantity }]
const scenarios: Array<[title: string, who: string, path: string, body: unknown]> = [
  ['alice buys two books', 'alice', '/checkout/A-1', { lines: book(2), coupon: 'SAVE10' }],
  ['bob buys a lamp; his confirmation mail fails inside checkout (handled there: no report)', 'bob', '/checkout/A-2', { lines: [{ sku: 'lamp', quantity: 1 }] }],
  ['carol types a coupon the shop does not know', 'carol', '/checkout/A-3', { lines: book(1), coupon: 'FREESHIP' }],
  ['dave orders a desk that is out of stock', 'dave', '/checkout/A-4', { lines: [{ sku: 'desk', quantity: 1 }] }],
  ['mallory pays with a stolen card (fails after two awaits)', 'mallory', '/checkout/A-5', { lines: book(3), card: { number: '4111 1111 1111 1111', cvc: '123' } }],
  ['the nightly job meets an order without lines', 'ops', '/jobs/nightly-totals', { orders: [{ id: 'B-1', customer: 'erin', lines: priced(book(1)) }, { id: 'B-2', customer: 'frank', lines: [] }] }],
]

for (const [index, [title, who, path, body]] of scenarios.entries()) {
  console.log(`\n> ${title}`)
  const response = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer token-for-${who}`,
      'x-forwarded-for': '203.0.113.7',
      // Each customer request arrives inside its own (made-up) distributed trace.
      traceparent: `00-${String(index + 1).padStart(32, '0')}-${String(index + 1).padStart(16, 'a')}-01`,
    },
    body: JSON.stringify(body),
  })
  console.log(`  POST ${path} -> ${response.status} ${await response.text()}`)
  await flush()
}
server.close()
console.log(`\n${orders.health()}`)
