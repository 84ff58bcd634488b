import { guarded } from '../capture/counters.js'
import { settings } from '../config/settings.js'
import { typeNames } from '../report/classify.js'
import { read, type Described } from '../report/describe.js'
import type { Category } from '../report/types.js'

/** Decided before a report is built: the checks are cheap, and predicates run as host code. */
export function isIgnored(error: unknown, described: Described, category: Category): boolean {
  const message = read(error, 'message')
  let names: string[] | undefined
  return !!settings.ignore?.some((rule) =>
    typeof rule === 'string'
      ? rule === `category:${category}` || (names ??= typeNames(error)).includes(rule)
      : typeof rule === 'function'
        ? guarded(() => rule(error)) === true
        : (typeof message === 'string' && rule.test(message)) || rule.test(described.message),
  )
}
