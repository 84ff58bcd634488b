import { captureUncaught } from '../capture/capture.js'

let watching = false

/**
 * In a browser page (or worker): errors that reach the global `error` and
 * `unhandledrejection` events. Only listening: the console still shows them as
 * before. A cross-origin script's error carries nothing but "Script error." and is skipped.
 */
export function watchPageErrors(): void {
  const scope = globalThis as Partial<typeof globalThis>
  if (watching || !scope.addEventListener) return
  watching = true
  scope.addEventListener('error', (event) => event.error != null && captureUncaught(event.error, 'uncaught'))
  scope.addEventListener('unhandledrejection', (event) => captureUncaught(event.reason, 'unhandledrejection'))
}
