import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The one place that turns a report into text for a person. The demo runner calls
 * it for each report the shop emits; a local collector can call it the same way.
 */
export function formatReport(report) {
  const label = (name, value) => `    ${name.padEnd(13)}${value}`
  const rows = [
    `  ── ${functionName(report)}:${report.line ?? '?'} ${'─'.repeat(Math.max(3, 56 - functionName(report).length))}`,
    label('message', report.message),
    label('severity', report.severity),
    label('comment', report.comment ?? '-'),
    label('at', report.woven ? `${report.file}:${report.line}:${report.column}` : 'not woven (runtime decorator): no statement line'),
    label('future calls', calls(report.futureCallSites.map(futureCall))),
    label('caller', report.caller ? `${report.caller.function ?? '<anonymous>'}  ${place(report.caller.file, report.caller.line)}` : '-'),
  ]
  if (report.chain.length === 0) rows.push(label('chain', '-'))
  report.chain.forEach((entry, i) => {
    rows.push(label(i === 0 ? 'chain' : '', `${i + 1}. ${functionName(entry)}:${entry.line}  ${place(entry.file, entry.line)}`))
    rows.push(label('', `   then: ${calls(entry.futureCalls)}`))
  })
  if (report.request) {
    const { method, route, params, body, clientIp } = report.request
    rows.push(label('request', `${method} ${route ?? report.request.url}  from ${clientIp ?? '?'}`))
    if (params) rows.push(label('params', JSON.stringify(params)))
    if (body !== undefined) rows.push(label('body', JSON.stringify(body)))
  }
  if (report.user) rows.push(label('user', [report.user.id, report.user.role].filter(Boolean).join(' / ')))
  if (report.traceId) rows.push(label('trace', `${report.traceId} span ${report.spanId ?? '-'}`))
  const context = [report.service, report.environment, report.release].filter(Boolean).join(' / ')
  if (context) rows.push(label('service', context))
  return rows.join('\n')
}

function functionName(site) {
  return site.class ? `${site.class}.${site.method}` : site.method
}

/** `call() [if]` when it may not run, `call() -> Target.method` when the build knows its target. */
function futureCall(site) {
  const target = site.resolved && site.resolved !== site.call.replace(/\(\)$/, '') ? ` -> ${site.resolved}` : ''
  return `${site.call}${site.conditional ? ' [if]' : ''}${target}`
}

function calls(list) {
  return list.length > 0 ? list.join(', ') : '(none)'
}

/** Stack-derived places are absolute file URLs: shown relative to the working directory. */
function place(file, line) {
  if (!file) return ''
  const local = file.startsWith('file://') ? path.relative(process.cwd(), fileURLToPath(file)) : file
  return `${local}:${line ?? '?'}`
}
