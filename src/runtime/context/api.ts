/** The app's context API (DESIGN.md section 11): what every report captured in the current scope carries. */
import { counters } from '../capture/counters.js'
import { record } from '../capture/queue.js'
import { settings } from '../config/settings.js'
import { schedule } from '../pipeline/pipeline.js'
import { warnOnce } from '../platform/warn.js'
import type { Severity } from '../annotations/severity.js'
import type { UserInfo } from '../report/types.js'
import { currentFrame, forkFrame, runInFrame } from './store.js'
import type { Frame, Scope } from './types.js'

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
    change(currentFrame(), { user: user && { ...user, ...(user.id !== undefined && user.id !== null && { id: String(user.id) }) } })
  })
}

/** A tag of the current scope: a string, number or boolean, shown and filterable in every report; null removes it. */
export function setTag(key: string, value: string | number | boolean | null): void {
  safely(() => {
    const frame = currentFrame()
    change(frame, { tags: withTags(frame.scope.tags, { [key]: value }) })
  })
}

/** A named block of data in the current scope (`setContext('order', { id, items })`); null removes it. */
export function setContext(name: string, data: Record<string, unknown> | null): void {
  safely(() => {
    const frame = currentFrame()
    change(frame, { contexts: { ...frame.scope.contexts, [String(name)]: data && { ...data } } })
  })
}

/**
 * Runs `run` in a child scope with `data` added: what it (and, where AsyncLocalStorage
 * exists, its async continuations) captures carries them; the outer scope is unchanged.
 * Returns what `run` returns and throws what it throws.
 */
export function withContext<T>(data: ContextData, run: () => T): T {
  let frame: Frame | undefined
  safely(() => {
    frame = forkFrame()
    change(frame, changesOf(data))
  })
  return frame ? runInFrame(frame, run) : run()
}

/**
 * Reports an error the app handled itself (`mechanism: "manual"`), with the current
 * scope's context plus `data`. O(1) like a woven capture; never throws.
 */
export function captureException(error: unknown, data?: CaptureData): void {
  if (!settings.enabled) return
  // Data that cannot be read costs the report its data, not the report.
  let scope: Scope | undefined
  const site = { class: null, method: '', severity: 'ERROR', comment: null as string | null }
  safely(() => {
    if (data === undefined) return
    const { severity, comment } = data
    if (severity === 'WARN' || severity === 'INFO') site.severity = severity
    if (typeof comment === 'string') site.comment = comment
    scope = { ...currentFrame().scope, ...changesOf(data) }
  })
  safely(() => {
    record(error, 'manual', undefined, site, scope ?? currentFrame().scope)
    schedule()
  })
}

/** Scopes are never changed (captures keep references to them): the frame gets a new one. */
function change(frame: Frame, changes: Partial<Scope>): void {
  frame.scope = { ...frame.scope, ...changes }
}

function changesOf(data: ContextData): Partial<Scope> {
  const changes: { -readonly [K in keyof Scope]: Scope[K] } = {}
  const scope = currentFrame().scope
  if (data && typeof data === 'object') {
    if (data.user !== undefined) changes.user = data.user && { ...data.user }
    if (data.tags) changes.tags = withTags(scope.tags, data.tags)
    if (data.contexts) changes.contexts = { ...scope.contexts, ...data.contexts }
  }
  return changes
}

function withTags(tags: Scope['tags'], added: Record<string, unknown>): Record<string, string> {
  const out = { ...tags }
  for (const [key, value] of Object.entries(added)) {
    if (value === null || value === undefined) delete out[key]
    else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      warnOnce(`tag "${key.slice(0, MAX_TAG_KEY)}": a tag value must be a string, number or boolean; ignored`)
    } else if (Object.keys(out).length < MAX_TAGS || key in out) {
      out[key.slice(0, MAX_TAG_KEY)] = String(value).slice(0, MAX_TAG_VALUE)
    }
  }
  return out
}

/** The context API never throws into the app. */
function safely(run: () => void): void {
  try {
    run()
  } catch {
    counters.internalErrors++
  }
}
