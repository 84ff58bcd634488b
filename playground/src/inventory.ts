// Plain functions: annotated through a JSDoc comment, since decorators only go on classes.

export class OutOfStock extends Error {
  constructor(readonly sku: string, readonly requested: number, readonly available: number) {
    super(`${sku}: ${requested} requested, ${available} in stock`)
    this.name = 'OutOfStock'
  }
}

const stock = new Map<string, number>([
  ['book', 12],
  ['lamp', 1],
  ['desk', 0],
])

/** @ErrorMonitor({ severity: 'WARN', comment: 'stock is reserved before payment' }) */
export function reserveStock(sku: string, quantity: number): void {
  const available = stock.get(sku)
  if (available === undefined) throw new RangeError(`unknown sku ${sku}`)
  if (available < quantity) throw new OutOfStock(sku, quantity, available)
  stock.set(sku, available - quantity)
}

export function releaseStock(sku: string, quantity: number): void {
  stock.set(sku, (stock.get(sku) ?? 0) + quantity)
}

const MAX_PERCENT = 50

/**
 * Coupon codes look like SAVE10 (ten percent off).
 * @ErrorMonitor
 */
export const parseCoupon = (code: string): number => {
  const match = /^SAVE(\d{1,2})$/.exec(code.trim().toUpperCase())
  const percent = Number(match![1])
  return Math.min(percent, MAX_PERCENT) / 100
}
