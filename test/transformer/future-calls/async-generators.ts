export async function awaits() {
  const user = await load() //> save(), notify()
  await save(user)
  notify(user)
}

export function* generator() {
  yield first() //> second(), done()?
  yield second()
  done()
}

// The consumer may stop at a yield: what follows it may not run.
export function* abandoned(items: number[]) {
  const checked = check(items) //> emit(), more()?
  yield emit(checked)
  more()
}
