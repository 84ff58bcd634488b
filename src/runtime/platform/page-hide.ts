/** In a browser page: `onHide` runs when the page is hidden or goes away (pagehide, visibilitychange). */
export function watchPageHide(onHide: () => void): void {
  const scope = globalThis as Partial<typeof globalThis>
  const document = scope.document
  if (typeof document?.addEventListener !== 'function' || typeof scope.addEventListener !== 'function') return
  scope.addEventListener('pagehide', onHide)
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && onHide())
}
