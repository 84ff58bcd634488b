export async function awaits() {
  const user = await load() //> save(), notify()
  await save(user)
  notify(user)
}

export function* generator() {
  yield first() //> second(), done()
  yield second()
  done()
}
