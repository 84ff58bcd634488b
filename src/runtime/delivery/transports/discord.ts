import { settings } from '../../config/settings.js'
import type { PostReply } from '../types.js'
import type { Report } from '../../report/types.js'
import { createSender, retryAfterMs } from '../sender.js'
import type { Sender } from '../types.js'

/** Discord's documented limits for a webhook message and its embed. */
const DISCORD_LIMITS = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000 }

const COLORS: Record<string, number> = { ERROR: 0xe74c3c, WARN: 0xf1c40f, INFO: 0x3498db }

/** The Discord webhook: one message per report, waiting as its 429 replies and rate-limit headers say. */
export function discordSender(): Sender {
  return createSender({
    label: 'discord',
    destination: () => (settings.discordWebhookUrl ? { url: new URL(settings.discordWebhookUrl), headers: {} } : undefined),
    encode: (report, lost) => JSON.stringify(discordMessage(report, lost)),
    waitFrom,
  })
}

/** What a 429 or 5xx asks to wait; after a success, the time until an emptied rate-limit bucket refills. */
function waitFrom(reply: PostReply): number | undefined {
  if (reply.status >= 300) return bodyRetryAfter(reply.body) ?? retryAfterMs(reply.header('retry-after'))
  // X-RateLimit-Remaining: 0 means the next request would get a 429.
  return reply.header('x-ratelimit-remaining') === '0' ? retryAfterMs(reply.header('x-ratelimit-reset-after')) : undefined
}

/** A 429 body says `{ "retry_after": 1.5 }` in seconds. */
function bodyRetryAfter(body: string): number | undefined {
  try {
    const seconds = (JSON.parse(body) as { retry_after?: unknown }).retry_after
    return typeof seconds === 'number' && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined
  } catch {
    return undefined
  }
}

interface Field {
  name: string
  value: string
  inline?: boolean
}

/** `Class.method:line`, the message, severity as colour, the API, its parameters and the user, caller and future calls, within Discord's limits. */
export function discordMessage(report: Report, lost = 0) {
  const where = `${report.class ? `${report.class}.` : ''}${report.method}${report.line !== null ? `:${report.line}` : ''}`
  const api = apiOf(report)
  const fields: Field[] = [{ name: 'Severity', value: report.severity, inline: true }]
  if (report.category) fields.push({ name: 'Category', value: report.category, inline: true })
  if (api) fields.push({ name: 'API', value: api })
  const parameters = parametersOf(report)
  if (parameters) fields.push({ name: 'Parameters', value: codeBlock(parameters, DISCORD_LIMITS.fieldValue) })
  if (report.user) fields.push({ name: 'User', value: `${report.user.id ?? '(no id)'}${typeof report.user.role === 'string' ? ` (${report.user.role})` : ''}`, inline: true })
  if (report.request?.clientIp) fields.push({ name: 'Client IP', value: report.request.clientIp, inline: true })
  if (report.affectedUsers && report.affectedUsers.count > 1) fields.push({ name: 'Affected users', value: String(report.affectedUsers.count), inline: true })
  if (report.traceId) fields.push({ name: 'Trace', value: report.traceId, inline: true })
  if (report.count > 1) fields.push({ name: 'Count', value: String(report.count), inline: true })
  const dropped = (report.dropped ?? 0) + lost
  if (dropped > 0) fields.push({ name: 'Lost reports', value: String(dropped), inline: true })
  if (report.file) fields.push({ name: 'Location', value: [report.file, report.line, report.column].filter((part) => part !== null).join(':') })
  if (report.caller) {
    const { function: name, file, line } = report.caller
    fields.push({ name: 'Caller', value: `${name ?? '(anonymous)'}${file ? ` (${file}${line !== null ? `:${line}` : ''})` : ''}` })
  }
  if (report.futureCalls.length > 0) fields.push({ name: 'Future calls', value: report.futureCalls.join(' → ') })
  if (report.chain.length > 0) fields.push({ name: 'Called through', value: report.chain.map((entry) => `${entry.class ? `${entry.class}.` : ''}${entry.method}:${entry.line}`).join(' ← ') })
  if (report.comment) fields.push({ name: 'Comment', value: report.comment })
  const labels = [report.service, report.environment, report.release].filter(Boolean).join(' / ')
  if (labels) fields.push({ name: 'Service', value: labels, inline: true })

  const embed = {
    title: clip(where, DISCORD_LIMITS.title),
    description: '',
    color: COLORS[report.severity] ?? COLORS.ERROR,
    fields: fields.slice(0, DISCORD_LIMITS.fields).map((field) => ({ ...field, name: clip(field.name, DISCORD_LIMITS.fieldName), value: clip(field.value || '-', DISCORD_LIMITS.fieldValue) })),
    footer: { text: clip(`errorweave · ${report.errorType} · ${report.fingerprint}`, DISCORD_LIMITS.footer) },
    timestamp: report.timestamp,
  }
  const size = () => embed.title.length + embed.footer.text.length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  // Leave the message at least a few hundred characters of the 6000 an embed may hold.
  while (size() > DISCORD_LIMITS.embedTotal - 500) {
    const longest = embed.fields.reduce((a, b) => (b.value.length > a.value.length ? b : a))
    longest.value = clip(longest.value, Math.floor(longest.value.length / 2))
  }
  const used = size()
  embed.description = codeBlock(report.message, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - used))
  return {
    username: 'errorweave',
    content: clip(`**${report.severity}** ${where}${api ? ` · ${api}` : ''}`, DISCORD_LIMITS.content),
    embeds: [embed],
    // An error message must never ping @everyone or a role.
    allowed_mentions: { parse: [] },
  }
}

/** `POST /orders/:id`: the failing API, by its route template (the path without its query when no template is known). */
function apiOf({ request }: Report): string | undefined {
  if (!request) return undefined
  const path = request.route ?? request.url?.split('?')[0]
  return [request.method, path].filter(Boolean).join(' ') || undefined
}

/** The parameters the API received (already masked with the rest of the report), one line per part. */
function parametersOf({ request }: Report): string | undefined {
  if (!request) return undefined
  const parts = (['params', 'query', 'body'] as const).filter((part) => request[part] !== undefined).map((part) => `${part}: ${JSON.stringify(request[part])}`)
  return parts.length > 0 ? parts.join('\n') : undefined
}

function codeBlock(message: string, max: number): string {
  const fence = '```\n'
  const body = message.replace(/```/g, '``\u200b`')
  return `${fence}${clip(body, Math.max(1, max - fence.length * 2))}\n\`\`\``
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with … when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max - 1
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}
