import { guarded } from '../capture/counters.js'
import { settings } from '../config/settings.js'
import { typeNames } from '../report/classify.js'
import { read, type Described } from '../report/describe.js'
import type { Category } from '../report/types.js'

/**
 * Decided before a report is built: the checks are cheap, predicates run as host code, and
 * the category is asked for only by a `category:` rule (a storm of errors no rule names
 * pays for none of it).
 */
export function isIgnored(error: unknown, described: Described, category: () => Category): boolean {
  const rules = settings.ignore
  if (!rules?.length) return false
  const message = read(error, 'message')
  let names: string[] | undefined
  return rules.some((rule) =>
    typeof rule === 'string'
      ? rule === `category:${category()}` || (names ??= typeNames(error)).includes(rule)
      : typeof rule === 'function'
        ? guarded(() => rule(error)) === true
        : (typeof message === 'string' && rule.test(message)) || rule.test(described.message),
  )
}
