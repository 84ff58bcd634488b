import { hooks } from '../platform/hooks.js'
import { reportFields, userIdOf } from './fields.js'
import type { Frame, RequestState, Scope } from './types.js'

interface AsyncStore {
  getStore(): Frame | undefined
  run<T>(store: Frame, run: () => T): T
}
type AsyncStoreClass = new () => AsyncStore
type Runtime = { AsyncLocalStorage?: AsyncStoreClass; process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: AsyncStoreClass } | undefined } }

/** What no request or withContext() call has forked: the whole process's (or page's) scope. */
const globalFrame: Frame = { scope: {} }
/** The frame of a synchronous withContext() where no AsyncLocalStorage exists (browsers). */
let syncFrame: Frame | undefined
/** undefined: not looked for yet; null: this platform has none. */
let asyncStore: AsyncStore | null | undefined
const MAX_SEEN = 16

/**
 * AsyncLocalStorage where the platform has it (Node, Deno, Bun, workers with
 * nodejs_compat, edge runtimes that expose it globally), found on first use so the
 * universal entry never imports node:async_hooks.
 */
function store(): AsyncStore | null {
  if (asyncStore !== undefined) return asyncStore
  asyncStore = null
  try {
    const runtime = globalThis as Runtime
    const Store = runtime.AsyncLocalStorage ?? runtime.process?.getBuiltinModule?.('node:async_hooks')?.AsyncLocalStorage
    if (Store) asyncStore = new Store()
  } catch {
    // No async context on this platform: one global scope.
  }
  install()
  return asyncStore
}

/** From the first use of the context API on, every capture takes a reference to the current scope. */
function install(): void {
  hooks.context = { capture: captureScope, fields: (scope) => reportFields(scope as Scope), userId: (scope) => userIdOf(scope as Scope) }
}

export function currentFrame(): Frame {
  return store()?.getStore() ?? syncFrame ?? globalFrame
}

/** Runs `run` in `frame`: for its async continuations too where AsyncLocalStorage exists. */
export function runInFrame<T>(frame: Frame, run: () => T): T {
  const async = store()
  if (async) return async.run(frame, run)
  const outer = syncFrame
  syncFrame = frame
  try {
    return run()
  } finally {
    syncFrame = outer
  }
}

/** A frame starting from the current scope's values (O(1): scopes are never changed); its own changes stay its own. */
export function forkFrame(request?: RequestState): Frame {
  const scope = currentFrame().scope
  return { scope: request ? { ...scope, request } : scope }
}

/** At capture (O(1)): the scope to read when the report is built; the error is remembered by its request. */
function captureScope(error: unknown, scope?: unknown): Scope {
  const current = (scope as Scope | undefined) ?? currentFrame().scope
  const seen = current.request?.seen
  if (seen && seen.push(error) > MAX_SEEN) seen.shift()
  return current
}
