export function straight(order: Order) {
  const total = price(order) //> tax(), save(), audit()
  const taxed = tax(total) //> save(), audit()
  save(taxed) //> audit()
  audit(order) //>
}

export function argumentsFirst() {
  start() //> inner(), outer(), log(), new Receipt()
  outer(inner())
  const receipt = new Receipt(log())
}

export function callbacksExcluded(items: number[]) {
  first() //> items.map(), done()
  items.map((item) => hidden(item))
  done()
}

// Two call sites with the same text are two entries; one site in a loop is one.
export function sameTextTwoSites() {
  first() //> again(), again(), last()
  again()
  again()
  last()
}

export function depthLimit() {
  first() //> a(), b(), c(), d(), e()
  a()
  b()
  c()
  d()
  e()
  f()
}

export function oneSiteInALoop(items: number[]) {
  first() //> each()?, last()
  for (const item of items) each(item)
  last()
}

export function destructuringDefaults(config: Config) {
  first() //> make(), fallback()?, source(), other()?, done()
  const { name = fallback() } = make()
  ;[config.value = other()] = source()
  done()
}
