const MAX_REMEMBERED = 200
const said = new Set<string>()

/** One console warning per distinct message; secrets must never be part of `message`. */
export function warnOnce(message: string): void {
  if (said.has(message)) return
  if (said.size < MAX_REMEMBERED) said.add(message)
  try {
    console.warn(`errorweave: ${message}`)
  } catch {
    // A broken console must not break the runtime.
  }
}
