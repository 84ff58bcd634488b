interface PageScope {
  addEventListener?: (type: string, listener: () => void) => void
  document?: { visibilityState?: string; addEventListener?: (type: string, listener: () => void) => void }
}

/** In a browser page: `onHide` runs when the page is hidden or goes away (pagehide, visibilitychange). */
export function watchPageHide(onHide: () => void): void {
  const scope = globalThis as PageScope
  const document = scope.document
  if (typeof scope.addEventListener !== 'function' || !document || typeof document.addEventListener !== 'function') return
  scope.addEventListener('pagehide', onHide)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') onHide()
  })
}
