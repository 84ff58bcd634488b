/*
 * The hot functions of the happy-path benchmark. bench/lib/variants.mjs turns this one
 * file into four modules: plain (our decorators deleted), woven (by the real plugin),
 * fallback (our decorators left in, built without the plugin: the runtime wrapper)
 * and guard (plain plus a live-debugger-style probe lookup at every entry).
 * Only the methods under `@ErrorMonitor()` differ between the four; the drivers
 * below them are the same text in every module.
 */
import { ErrorMonitor } from 'errorweave'

export class Arithmetic {
  @ErrorMonitor()
  static mix(a: number, b: number): number {
    return (a * 31 + b) | 0
  }
}

export class Loop {
  @ErrorMonitor()
  static sumOfSquares(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + i * i) | 0
    return sum
  }
}

export class Parsing {
  @ErrorMonitor()
  static headerWeight(line: string): number {
    const colon = line.indexOf(':')
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = Number.parseInt(line.slice(colon + 1), 10)
    return key.length + value
  }
}

export class Account {
  balance = 0
  fee = 1

  @ErrorMonitor()
  deposit(amount: number): number {
    const net = this.net(amount)
    this.balance = (this.balance + net) | 0
    return this.balance
  }

  net(amount: number): number {
    return amount - this.fee
  }
}

export class Async {
  @ErrorMonitor()
  static async total(x: number): Promise<number> {
    const a = await x
    const b = await (a + 1)
    return a + b
  }
}

// Returning a call's promise from an async function: the plugin watches the returned value.
export class Repository {
  async load(id: number): Promise<number> {
    return id * 2
  }
}
export class Service {
  repository = new Repository()

  @ErrorMonitor()
  async find(id: number): Promise<number> {
    return this.repository.load(id)
  }
}

export class Sequence {
  @ErrorMonitor()
  static *range(n: number): Generator<number> {
    for (let i = 0; i < n; i++) yield i
  }
}

// Eight classes with different layouts and bodies, one call site: megamorphic.
export class Square {
  constructor(readonly side: number) {}
  @ErrorMonitor()
  area(): number {
    return this.side * this.side
  }
}
export class Rect {
  constructor(readonly w: number, readonly h: number) {}
  @ErrorMonitor()
  area(): number {
    return this.w * this.h
  }
}
export class Circle {
  constructor(readonly r: number) {}
  @ErrorMonitor()
  area(): number {
    return 3 * this.r * this.r
  }
}
export class Triangle {
  constructor(readonly base: number, readonly height: number, readonly tag: string) {}
  @ErrorMonitor()
  area(): number {
    return (this.base * this.height) >> 1
  }
}
export class Ring {
  constructor(readonly outer: number, readonly inner: number) {}
  @ErrorMonitor()
  area(): number {
    return 3 * (this.outer * this.outer - this.inner * this.inner)
  }
}
export class Strip {
  constructor(readonly length: number, readonly width: number, readonly gap: number, readonly count: number) {}
  @ErrorMonitor()
  area(): number {
    return this.count * this.length * (this.width - this.gap)
  }
}
export class Ellipse {
  constructor(readonly a: number, readonly b: number, readonly rotation: number) {}
  @ErrorMonitor()
  area(): number {
    return 3 * this.a * this.b
  }
}
export class Frame {
  constructor(readonly w: number, readonly h: number, readonly border: number, readonly depth: number, readonly tag: string) {}
  @ErrorMonitor()
  area(): number {
    return this.w * this.h - (this.w - 2 * this.border) * (this.h - 2 * this.border)
  }
}

const headers = [
  'Content-Type: 12', 'Content-Length: 3456', 'X-Request-Id: 7', 'Accept: 1',
  'Cache-Control: 600', 'Retry-After: 30', 'X-RateLimit-Remaining: 99', 'Age: 4',
]
const shapes = [
  new Square(3), new Rect(2, 5), new Circle(4), new Triangle(6, 4, 't'),
  new Ring(5, 2), new Strip(10, 3, 1, 2), new Ellipse(3, 2, 0), new Frame(9, 7, 1, 2, 'f'),
]

/** Each driver calls its case `n` times and returns a checksum, so no work can be dropped. */
export const drivers = {
  arithmetic(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) sum = Arithmetic.mix(sum, i)
    return sum
  },
  loop1000(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + Loop.sumOfSquares(1000)) | 0
    return sum
  },
  parsing(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + Parsing.headerWeight(headers[i & 7])) | 0
    return sum
  },
  method(n: number): number {
    const account = new Account()
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + account.deposit(i & 15)) | 0
    return sum
  },
  async async(n: number): Promise<number> {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + (await Async.total(i & 15))) | 0
    return sum
  },
  async asyncReturn(n: number): Promise<number> {
    const service = new Service()
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + (await service.find(i & 15))) | 0
    return sum
  },
  generator(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) for (const value of Sequence.range(8)) sum = (sum + value) | 0
    return sum
  },
  megamorphic(n: number): number {
    let sum = 0
    for (let i = 0; i < n; i++) sum = (sum + shapes[i & 7].area()) | 0
    return sum
  },
}
