import { ErrorMonitor } from 'errorweave'

export interface PaymentGateway {
  authorize(customer: string, cents: number): Promise<string>
  capture(authorization: string): Promise<string>
}

export class PaymentDeclined extends Error {
  constructor(readonly customer: string, readonly reason: string) {
    super(`payment for ${customer} declined: ${reason}`)
    this.name = 'PaymentDeclined'
  }
}

/** A stand-in for a card processor: answers after a short network-like delay. */
export class FakeGateway implements PaymentGateway {
  private authorizations = 0

  async authorize(customer: string, cents: number): Promise<string> {
    await delay(5)
    return `auth-${++this.authorizations}-${customer}-${cents}`
  }

  async capture(authorization: string): Promise<string> {
    await delay(5)
    if (authorization.includes('-mallory-')) throw new PaymentDeclined('mallory', 'card reported stolen')
    return authorization.replace('auth', 'receipt')
  }
}

@ErrorMonitor({ comment: 'card payments' })
export class BillingService {
  readonly ledger: string[] = []

  constructor(private readonly gateway: PaymentGateway) {}

  async charge(customer: string, cents: number): Promise<string> {
    if (cents <= 0) return 'receipt-free'
    const authorization = await this.gateway.authorize(customer, cents)
    const receipt = await this.gateway.capture(authorization)
    this.ledger.push(receipt)
    return receipt
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
