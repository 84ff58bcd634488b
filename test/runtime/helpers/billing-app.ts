import { writeWovenModule } from './processes.js'

/**
 * A small woven "app" run as a child process. It fails `charge` (TypeError) and
 * `refund` (RangeError, numbers differ per call) as TEST_PLAN says, does its own
 * work, prints `APP {...}`, optionally flushes, and prints `STATS {...}` at exit.
 * Delivery settings come from the environment (ERROR_MONITOR_*), as in production.
 */
export const BILLING_APP = `
import { ErrorMonitor, configure, flush, stats } from 'errorweave'

export class Billing {
  @ErrorMonitor({ severity: 'WARN', comment: 'billing path' })
  charge(order: { id: number; total?: { amount: number } }) {
    const amount = order.total!.amount
    this.audit(order.id)
    return amount
  }

  @ErrorMonitor
  refund(id: number) {
    if (id % 2) throw new RangeError('refund ' + id + ' is not allowed')
    return id
  }

  audit(_id: number) {}
}

const plan = JSON.parse(process.env.TEST_PLAN ?? '{"charge":5,"refund":3}')
if (process.env.TEST_TIMEOUT_MS) configure({ timeoutMs: Number(process.env.TEST_TIMEOUT_MS) })
const billing = new Billing()
let caught = 0
for (let i = 0; i < plan.charge; i++) {
  try { billing.charge({ id: i }) } catch { caught++ }
}
for (let i = 0; i < plan.refund; i++) {
  try { billing.refund(2 * i + 1) } catch { caught++ }
}
let work = 0
for (let i = 1; i <= 1000; i++) work += i
console.log('APP ' + JSON.stringify({ caught, work }))
if (process.env.TEST_FLUSH_MS) console.log('FLUSH ' + JSON.stringify({ flushed: await flush(Number(process.env.TEST_FLUSH_MS)) }))
process.on('exit', () => console.log('STATS ' + JSON.stringify(stats())))
`

export function writeBillingApp(): string {
  return writeWovenModule('billing-app', BILLING_APP, 'src/billing.ts')
}
