export function tryCatchFinally() {
  before() //> risky(), recover()?, cleanup(), after()
  try {
    risky() //> cleanup(), after()
  } catch {
    recover() //> cleanup(), after()
  } finally {
    cleanup() //> after()
  }
  after()
}

export function returnThroughFinally() {
  before() //> value(), cleanup()
  try {
    return value()
  } finally {
    cleanup()
  }
  never()
}

export function throwIntoCatch(flag: boolean) {
  try {
    prepare() //> new Error(), recover(), after()
    throw new Error('into catch')
    never()
  } catch {
    recover()
  }
  after()
}
