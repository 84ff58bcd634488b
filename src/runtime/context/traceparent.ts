/** W3C Trace Context: `version-traceid-parentid-flags`, lower-case hex (https://www.w3.org/TR/trace-context/). */
const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/

/** The trace and parent span ids of a valid `traceparent` header; undefined for anything else. */
export function parseTraceparent(header: string | undefined): { traceId: string; spanId: string } | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim())
  if (!match) return undefined
  const [, version, traceId, spanId, , rest] = match
  // Version ff is forbidden; version 00 has nothing after the flags; all-zero ids are invalid.
  if (version === 'ff' || (version === '00' && rest !== undefined) || /^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined
  return { traceId, spanId }
}
