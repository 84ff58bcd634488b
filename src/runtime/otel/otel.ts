/**
 * `errorweave/otel`: importing it links reports to OpenTelemetry traces. Each new error
 * occurrence takes the active span's trace and span ids, and is recorded on that span
 * (an exception event and an ERROR status), so Tempo or Jaeger show it where it happened.
 * `@opentelemetry/api` is an optional peer dependency: only this entry imports it.
 */
import { SpanStatusCode, trace, type Exception } from '@opentelemetry/api'
import { hooks } from '../platform/hooks.js'

hooks.activeTrace = () => {
  const context = trace.getActiveSpan()?.spanContext()
  return context && trace.isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : undefined
}

hooks.recordOnSpan = (error) => {
  const span = trace.getActiveSpan()
  if (!span?.isRecording()) return
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : `a thrown ${error === null ? 'null' : typeof error}`
  span.recordException(error instanceof Error ? error : (message as Exception))
  span.setStatus({ code: SpanStatusCode.ERROR, message })
}
