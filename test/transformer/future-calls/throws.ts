// A `throw` statement's future: what would have run had the arm holding it not been entered.

export function guard(user?: User) {
  if (!user)
    throw new NotFound() //> this.audit()
  this.audit(user)
}

export function topLevel() {
  before() //> new Error()
  throw new Error('always') //>
}

export function guardInBlock(user?: User) {
  if (!find(user)) {
    log() //> new NotFound()
    throw new NotFound() //> save(), audit()
  }
  save(user)
  audit(user)
}

export function elseArm(ok: boolean) {
  if (ok) {
    done() //> after()
  } else {
    throw new Failed() //> done(), after()
  }
  after()
}

export function thenArmWithElse(ok: boolean) {
  if (!ok) {
    throw new Failed() //> done(), after()
  } else {
    done()
  }
  after()
}

export function elseIfChain(kind: string) {
  if (kind === 'a') {
    a()
  } else if (kind === 'b') {
    throw new Bad() //> check(), c()?, d()?, after()
  } else if (check(kind)) {
    c()
  } else d()
  after()
}

export function elseIfLast(kind: string) {
  if (kind === 'a') {
    a()
  } else if (kind === 'b') {
    b()
  } else {
    throw new Bad() //> b(), after()
  }
  after()
}

export function switchCases(kind: string) {
  switch (kind) {
    case 'a':
      prepare() //> new Bad()
    case 'b':
      throw new Bad() //> after()
    case 'c':
      if (kind.length > 1)
        throw new Long() //> c(), more(), after()
      c()
    case 'd':
      more()
      break
    default:
      throw new Unknown() //> after()
  }
  after()
}

export function inTernaryAndLogical(a: A) {
  const value = a.ready ? read(a) : fallback(a)
  if (!value && !retry(a))
    throw new Missing() //> use(), more()?, other()?, after()
  use(value) || more()
  value.ok ? other() : nothing
  after()
}

export function tryBlock() {
  try {
    open() //> new Closed(), recover(), cleanup(), after()
    throw new Closed() //> cleanup(), after()
    never()
  } catch (error) {
    recover()
  } finally {
    cleanup()
  }
  after()
}

export function guardInTry(input: string) {
  try {
    if (!input)
      throw new Empty() //> parse(), cleanup(), after()
    parse(input)
  } finally {
    cleanup()
  }
  after()
}

export function rethrowFromCatch() {
  try {
    work() //> cleanup(), after()
  } catch (error) {
    report(error) //> new Wrapped(), cleanup()
    throw new Wrapped(error) //> cleanup(), after()
  } finally {
    cleanup()
  }
  after()
}

export function inFinally() {
  try {
    work()
  } finally {
    throw new Late() //>
  }
}

export function inLoop(items: Item[]) {
  for (const item of items) {
    if (!valid(item))
      throw new Invalid(item) //> use(), valid()?, new Invalid()?, after()?
    use(item)
  }
  after()
}

export function loopBodyTopLevel() {
  while (next()) {
    throw new Stop() //>
  }
}

export function labeledBlock(x: number) {
  found: {
    if (x > 1)
      throw new TooBig() //> small(), after()
    small()
  }
  after()
}

export function nested(a: boolean, b: boolean) {
  if (a) {
    if (b)
      throw new Inner() //> inner(), outer(), after()
    inner()
  }
  outer()
  after()
}

export function guardBeforeReturn(flag: boolean) {
  if (flag)
    throw new Early() //> result()
  return result()
}
