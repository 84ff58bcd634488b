/** The app's context API (DESIGN.md section 11): what every report captured in the current scope carries. */
import { counters } from '../capture/counters.js'
import { record } from '../capture/queue.js'
import { settings } from '../config/settings.js'
import { schedule } from '../pipeline/pipeline.js'
import { warnOnce } from '../platform/warn.js'
import type { Severity } from '../annotations/severity.js'
import type { UserInfo } from '../report/types.js'
import { currentScope, forkScope, runInScope } from './store.js'
import type { Scope } from './types.js'

export interface ContextData {
  /** null: no user in this scope, whatever the outer scope says. */
  user?: UserInfo | null
  tags?: Record<string, string | number | boolean>
  /** Named blocks of app data, masked like the rest of the report. */
  contexts?: Record<string, unknown>
}

export interface CaptureData extends ContextData {
  /** Default ERROR. */
  severity?: Severity
  comment?: string
}

const MAX_TAGS = 50
const MAX_TAG_KEY = 100
const MAX_TAG_VALUE = 200

/** The user of the current scope (a request, a withContext() call, else the whole process); null forgets it. */
export function setUser(user: UserInfo | null): void {
  safely(() => {
    if (user !== null && typeof user !== 'object') return warnOnce('setUser() takes an object like { id, role } or null; ignored')
    currentScope().user = user && { ...user, ...(user.id !== undefined && { id: String(user.id) }) }
  })
}

/** A tag of the current scope: a string, number or boolean, shown and filterable in every report. */
export function setTag(key: string, value: string | number | boolean): void {
  safely(() => addTags(currentScope(), { [key]: value }))
}

/** A named block of data in the current scope (`setContext('order', { id, items })`); null removes it. */
export function setContext(name: string, data: Record<string, unknown> | null): void {
  safely(() => {
    const scope = currentScope()
    ;(scope.contexts ??= {})[String(name)] = data ?? undefined
  })
}

/**
 * Runs `run` in a child scope with `data` added: what it (and, where AsyncLocalStorage
 * exists, its async continuations) captures carries them; the outer scope is unchanged.
 * Returns what `run` returns and throws what it throws.
 */
export function withContext<T>(data: ContextData, run: () => T): T {
  let scope: Scope | undefined
  safely(() => {
    scope = childWith(data)
  })
  return scope ? runInScope(scope, run) : run()
}

/**
 * Reports an error the app handled itself (`mechanism: "manual"`), with the current
 * scope's context plus `data`. O(1) like a woven capture; never throws.
 */
export function captureException(error: unknown, data?: CaptureData): void {
  safely(() => {
    if (!settings.enabled) return
    const scope = data ? childWith(data) : currentScope()
    record(error, 'manual', undefined, { class: null, method: '', severity: data?.severity ?? 'ERROR', comment: data?.comment ?? null }, scope)
    schedule()
  })
}

function childWith(data: ContextData): Scope {
  const scope = forkScope()
  if (data && typeof data === 'object') {
    if (data.user !== undefined) scope.user = data.user && { ...data.user }
    if (data.tags) addTags(scope, data.tags)
    if (data.contexts) scope.contexts = { ...data.contexts }
  }
  return scope
}

function addTags(scope: Scope, tags: Record<string, unknown>): void {
  const own = (scope.tags ??= {})
  for (const [key, value] of Object.entries(tags)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      warnOnce(`tag "${key.slice(0, MAX_TAG_KEY)}": a tag value must be a string, number or boolean; ignored`)
    } else if (Object.keys(own).length < MAX_TAGS || key in own) {
      own[key.slice(0, MAX_TAG_KEY)] = String(value).slice(0, MAX_TAG_VALUE)
    }
  }
}

/** The context API never throws into the app. */
function safely(run: () => void): void {
  try {
    run()
  } catch {
    counters.internalErrors++
  }
}
