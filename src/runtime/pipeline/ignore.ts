import { guarded } from '../capture/counters.js'
import { settings } from '../config/settings.js'
import { typeNames } from '../report/classify.js'
import { read, type Described } from '../report/describe.js'
import type { Category } from '../report/types.js'

/** Decided before a report is built: the checks are cheap, and predicates run as host code. */
export function isIgnored(error: unknown, described: Described, category: Category): boolean {
  const rules = settings.ignore
  if (!rules) return false
  if (rules.categories.includes(category)) return true
  if (rules.types.length > 0 && typeNames(error).some((name) => rules.types.includes(name))) return true
  const raw = read(error, 'message')
  const message = typeof raw === 'string' ? raw : described.message
  if (rules.patterns.some((pattern) => pattern.test(message) || pattern.test(described.message))) return true
  return rules.predicates.some((predicate) => guarded(() => predicate(error)) === true)
}
