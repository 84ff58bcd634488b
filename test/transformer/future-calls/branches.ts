export function ifElse(flag: boolean) {
  before() //> yes()?, no()?, after()
  if (flag) yes() //> yes()?, no()?, after()
  else no()
  after() //>
}

export function earlyReturn(flag: boolean) {
  before() //> stop()?, after()?
  if (flag) return stop()
  after()
}

export function unconditionalReturn() {
  first() //> result()
  return result() //>
  never()
}

export function bothArmsLeave(flag: boolean) {
  first() //> a()?, b()?
  if (flag) return a()
  else throw b()
  never()
}

export function throwStops() {
  first() //> new Error()
  throw new Error('stop')
}

export function switchFallThrough(kind: string) {
  first() //> one()?, two()?, other()?, after()
  switch (kind) {
    case 'one':
      one() //> two(), after()
    case 'two':
      two() //> after()
      break
    default:
      other() //> after()
  }
  after()
}

export function logical() {
  first() //> ok(), left()?, fine(), right()?, value()
  ok() && left()
  fine() || right()
  value() ?? fallback()
}

export function optionalAndTernary(a?: Api) {
  first() //> a?.maybe?.()?, check(), whenTrue()?, whenFalse()?
  a?.maybe?.()
  check() ? whenTrue() : whenFalse()
}
