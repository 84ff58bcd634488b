// The shop's entry point: wires the services, then runs a few checkouts, some of
// which fail. Each failure is caught here, as a request handler would, and its
// report goes to the server named by ERROR_MONITOR_SERVER_URL (the demo's local collector).
import { configure, flush } from 'errorweave'
import { BillingService, FakeGateway } from './billing.js'
import { CheckoutController } from './checkout.js'
import { OrderService, type Order } from './orders.js'

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

const order = (id: string, customer: string, sku: string, quantity: number, coupon?: string): Order => ({
  id,
  customer,
  lines: [{ sku, quantity, unitCents: 1250 }],
  coupon,
})

/** A batch job outside any woven function: its report's caller comes from the stack. */
function nightlyTotals(queue: Order[]): number {
  let total = 0
  for (const queued of queue) total += orders.subtotal(queued)
  return total
}

const scenarios: Array<[title: string, run: () => unknown]> = [
  ['alice buys two books', () => checkout.checkout(order('A-1', 'alice', 'book', 2, 'SAVE10'))],
  ['bob buys a lamp; his confirmation mail fails inside checkout (handled there: no report)', () => checkout.checkout(order('A-2', 'bob', 'lamp', 1))],
  ['carol types a coupon the shop does not know', () => checkout.checkout(order('A-3', 'carol', 'book', 1, 'FREESHIP'))],
  ['dave orders a desk that is out of stock', () => checkout.checkout(order('A-4', 'dave', 'desk', 1))],
  ['mallory pays with a stolen card (fails after two awaits)', () => checkout.checkout(order('A-5', 'mallory', 'book', 3))],
  ['the nightly job meets an order without lines', () => nightlyTotals([order('B-1', 'erin', 'book', 1), { id: 'B-2', customer: 'frank', lines: [] }])],
]

for (const [title, run] of scenarios) {
  console.log(`\n> ${title}`)
  try {
    console.log(`  ok: ${JSON.stringify(await run())}`)
  } catch (error) {
    console.log(`  caught ${String(error)}`)
  }
  await flush()
}
console.log(`\n${orders.health()}`)
