import { guarded } from '../capture/counters.js'
import type { ContextFields } from '../platform/hooks.js'
import type { UserInfo } from '../report/types.js'
import type { Lazy, Scope } from './types.js'

/** What a report carries of a scope: read when the report is built, so later route, body and user updates count. */
export function reportFields(scope: Scope): ContextFields {
  const fields: ContextFields = {}
  const user = userOf(scope)
  if (user) fields.user = user
  if (isFilled(scope.tags)) fields.tags = { ...scope.tags }
  const contexts = scope.contexts && Object.fromEntries(Object.entries(scope.contexts).filter(([, data]) => data !== null && data !== undefined))
  if (isFilled(contexts)) fields.contexts = contexts
  // The request's reader comes with it (request.ts), so an app that only calls setUser() does not ship it.
  if (scope.request) Object.assign(fields, scope.request.fields(scope.request.seed))
  return fields
}

export function userIdOf(scope: Scope): string | undefined {
  const id = userOf(scope)?.id
  return id === undefined || id === null ? undefined : String(id)
}

/** The scope's user (null there means none), else the request's `user(req)` option. */
function userOf(scope: Scope): UserInfo | undefined {
  if (scope.user !== undefined) return scope.user ?? undefined
  const user = scope.request && read(scope.request.seed.user)
  return user && typeof user === 'object' ? user : undefined
}

/** A lazy value, read as host code: what it throws is counted, never reported through us. */
export function read<T>(value: Lazy<T> | undefined): T | undefined {
  return typeof value === 'function' ? guarded(value as () => T) : value
}

export function isFilled(value: unknown): value is Record<string, never> {
  return !!value && typeof value === 'object' && Object.keys(value).length > 0
}
