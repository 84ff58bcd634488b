import { ErrorMonitor, NoErrorMonitor, Severity } from 'errorweave'

@ErrorMonitor({ severity: Severity.WARN, comment: 'billing path' })
export class BillingService {
  private readonly ledger: number[] = []

  @ErrorMonitor({ enableFuturePrediction: true })
  charge(amount: number): number {
    const total = this.price(amount)
    this.record(total)
    notify(total)
    return total
  }

  price(amount: number): number {
    const rate = this.rate()
    if (amount < 0) throw new RangeError(`negative amount: ${amount}`)
    return amount * rate
  }

  rate(): number {
    return 2
  }

  record(total: number): void {
    this.ledger.push(total)
  }

  @NoErrorMonitor
  audit(): never {
    throw new Error('audit is not monitored')
  }
}

function notify(total: number): void {
  console.log(`charged ${total}`)
}
