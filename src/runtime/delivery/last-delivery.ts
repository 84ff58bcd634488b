/**
 * Run as a child process by a Node process that is exiting (platform/node-endings.ts):
 * reads what to deliver from stdin, delivers it with the usual senders (retries,
 * Retry-After, breaker) until the parent's budget is spent, and deletes each spool
 * file once its report is delivered. What is left stays in the spool.
 */
import { readFileSync } from 'node:fs'
import { configure } from '../config/settings.js'
import type { LastDelivery } from '../platform/node-endings.js'
import { hooks } from '../platform/hooks.js'
import { now } from '../platform/timers.js'
import { postWithNode } from './post-node.js'
import { spool } from './spool.js'
import { collectorSender } from './transports/collector.js'
import { discordSender } from './transports/discord.js'

const { settings, batches, budgetMs } = JSON.parse(readFileSync(0, 'utf8')) as LastDelivery
configure(settings)
hooks.post = postWithNode
hooks.spool = spool
const deadline = now() + budgetMs
// The senders' timers never hold a process open; this one does, until the budget is spent.
const hold = setTimeout(() => undefined, budgetMs)
const senders = batches.map(({ label, entries }) => {
  const sender = label === 'discord' ? discordSender() : collectorSender()
  sender.adopt(entries)
  return sender
})
await Promise.all(senders.map((sender) => sender.flush(deadline)))
clearTimeout(hold)
