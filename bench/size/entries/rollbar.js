// Rollbar's browser core, without the optional components (telemetry, instrumentation, scrubbing).
import Rollbar from 'rollbar/src/browser/core'

const rollbar = new Rollbar({ accessToken: 'bench-token', captureUncaught: false, captureUnhandledRejections: false })

export function report(error) {
  rollbar.error(error)
}
