import { ErrorMonitor } from 'errorweave'
import type { Order, OrderService } from './orders.js'

export interface Mailer {
  send(to: string, text: string): void
}

@ErrorMonitor({ comment: 'HTTP POST /checkout' })
export class CheckoutController {
  constructor(
    private readonly orders: OrderService,
    private readonly mailer: Mailer,
  ) {}

  async checkout(order: Order): Promise<{ status: number; receipt: string }> {
    const receipt = await this.orders.place(order)
    try {
      this.mailer.send(order.customer, `thanks for order ${order.id}: ${receipt}`)
    } catch {
      // A confirmation mail is best effort: handled here, so it is not reported.
    }
    return { status: 201, receipt }
  }
}
