import { ErrorMonitor, NoErrorMonitor, Severity } from 'errorweave'
import type { BillingService } from './billing.js'
import { parseCoupon, releaseStock, reserveStock } from './inventory.js'

export interface OrderLine {
  sku: string
  quantity: number
  unitCents: number
}

export interface Order {
  id: string
  customer: string
  lines: OrderLine[]
  coupon?: string
}

@ErrorMonitor({ severity: Severity.WARN, comment: 'order intake' })
export class OrderService {
  private readonly placed = new Map<string, string>()

  constructor(private readonly billing: BillingService) {}

  @ErrorMonitor({ severity: Severity.ERROR, comment: 'money changes hands here', enableFuturePrediction: true })
  async place(order: Order): Promise<string> {
    const subtotal = this.subtotal(order)
    const discount = order.coupon ? parseCoupon(order.coupon) : 0
    for (const line of order.lines) reserveStock(line.sku, line.quantity)
    try {
      const receipt = await this.billing.charge(order.customer, Math.round(subtotal * (1 - discount)))
      this.placed.set(order.id, receipt)
      return receipt
    } finally {
      if (!this.placed.has(order.id)) this.restock(order)
    }
  }

  subtotal(order: Order): number {
    if (order.lines.length === 0) throw new RangeError(`order ${order.id} has no lines`)
    return order.lines.reduce((sum, line) => sum + line.quantity * line.unitCents, 0)
  }

  restock(order: Order): void {
    for (const line of order.lines) releaseStock(line.sku, line.quantity)
  }

  @NoErrorMonitor
  health(): string {
    return `${this.placed.size} orders placed`
  }
}
