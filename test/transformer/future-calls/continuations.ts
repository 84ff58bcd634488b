// Where a future reaches the rest of a block in different states: with nothing listed,
// after calls of its own arms, after a return or yield that may have run, with a jump pending.

export function straightLineLongerThanTheDepth() {
  a() //> b(), c(), d(), e(), f()
  const x = 1
  b() //> c(), d(), e(), f(), g()
  let y = x + 1 //> c(), d(), e(), f(), g()
  c(y) //> d(), e(), f(), g(), a()
  y++ //> d(), e(), f(), g(), a()
  d() //> e(), f(), g(), a()
  e() //> f(), g(), a()
  f() //> g(), a()
  g() //> a()
  a() //>
}

export function nestedBlockEnds(flag: boolean) {
  start() //> inner(), deeper(), armOne()?, armTwo()?, armThree()?
  {
    inner() //> deeper(), armOne()?, armTwo()?, armThree()?, after()
    {
      deeper() //> armOne()?, armTwo()?, armThree()?, after(), last()
    }
  }
  if (flag) {
    armOne() //> armTwo(), after(), last()
    armTwo() //> after(), last()
  } else armThree() //> after(), last()
  after() //> last()
  last() //>
}

export function armsThenTheRest(flag: boolean) {
  if (flag) first() //> first()?, second()?, third()?, first()?, fourth()?
  else return second() //>
  third() //> first(), fourth()
  first() //> fourth()
  fourth() //>
}

export function pendingJumpInALoop(items: number[]) {
  for (const item of items) {
    if (skip(item)) continue //> one()?, two()?, skip()?, done()
    one(item) //> two(), skip()?, one()?, done()
    two(item) //> skip()?, one()?, two()?, done()
  }
  done() //>
}

export function throughFinally() {
  try {
    one() //> two(), cleanup(), after()
    two() //> cleanup(), after()
  } finally {
    cleanup() //> after()
  }
  after() //>
}

export function* afterAYield() {
  before() //> step(), after()?, last()?
  yield step() //> after(), last()
  after() //> last()
  last() //>
}

export function switchFallThrough(kind: number) {
  switch (kind) {
    case 1:
      one() //> two(), after()
    case 2:
      two() //> after()
      break
    default:
      other() //> after()
  }
  after() //>
}

