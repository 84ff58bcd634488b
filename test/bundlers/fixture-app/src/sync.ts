/** @ErrorMonitor({ severity: 'INFO', comment: 'user sync', enableFuturePrediction: true }) */
export async function syncUsers(ids: string[]): Promise<number> {
  await tick()
  const users = ids.map(parseId)
  await tick()
  if (users.length > 1) audit(users)
  save(users)
  return users.length
}

function parseId(id: string): number {
  const value = Number(id)
  if (Number.isNaN(value)) throw new TypeError(`bad id: ${id}`)
  return value
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function audit(users: number[]): void {
  console.log(`audit ${users.length}`)
}

function save(users: number[]): void {
  console.log(`saved ${users.length}`)
}
