// @bugsnag/js (its browser build) with sessions and breadcrumbs off.
import Bugsnag from '@bugsnag/js'

Bugsnag.start({ apiKey: '0123456789abcdef0123456789abcdef', autoTrackSessions: false, enabledBreadcrumbTypes: [] })

export function report(error) {
  Bugsnag.notify(error)
}
