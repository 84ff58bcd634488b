export function forLoop(items: number[]) {
  before() //> check(), body()?, next()?, after()
  for (let i = 0; check(i); next(i)) {
    body(i) //> next(), check(), body()?, after()
  }
  after()
}

export function forOf(items: number[]) {
  before() //> each()?, after()
  for (const item of items) {
    each(item) //> each()?, after()
  }
  after()
}

export function whileLoop() {
  before() //> more(), step()?, after()
  while (more()) {
    step() //> more(), step()?, after()
  }
  after()
}

export function doWhile() {
  before() //> step(), more(), after()
  do {
    step() //> more(), step()?, after()
  } while (more())
  after()
}

export function breakContinue(rows: number[][]) {
  before() //> skip()?, stop()?, cell()?, after()
  outer: for (const row of rows) {
    for (const value of row) {
      if (value < 0) continue outer //> skip()?, stop()?, cell()?, after()
      if (value === 0) {
        skip() //> skip()?, stop()?, cell()?, after()
        continue
      }
      if (value > 9) break outer
      stop()
    }
    cell()
  }
  after()
}
