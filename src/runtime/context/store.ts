import { hooks } from '../platform/hooks.js'
import { reportFields, userIdOf } from './fields.js'
import type { RequestState, Scope } from './types.js'

interface AsyncStore {
  getStore(): Scope | undefined
  run<T>(store: Scope, run: () => T): T
}
type AsyncStoreClass = new () => AsyncStore
type Runtime = { AsyncLocalStorage?: AsyncStoreClass; process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: AsyncStoreClass } | undefined } }

/** What no request or withContext() call has forked: the whole process's (or page's) scope. */
const globalScope: Scope = {}
/** The scope of a synchronous withContext() where no AsyncLocalStorage exists (browsers). */
let syncScope: Scope | undefined
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

export function currentScope(): Scope {
  return store()?.getStore() ?? syncScope ?? globalScope
}

/** Runs `run` with `scope` as the current scope: for its async continuations too where AsyncLocalStorage exists. */
export function runInScope<T>(scope: Scope, run: () => T): T {
  const async = store()
  if (async) return async.run(scope, run)
  const outer = syncScope
  syncScope = scope
  try {
    return run()
  } finally {
    syncScope = outer
  }
}

/** A child of the current scope: it sees its parent's values and its own changes stay its own. */
export function forkScope(request?: RequestState): Scope {
  const parent = currentScope()
  return { parent, request: request ?? parent.request }
}

/** At capture (O(1)): the scope to read when the report is built; the error is remembered by its request. */
function captureScope(error: unknown, scope?: unknown): Scope {
  const current = (scope as Scope | undefined) ?? currentScope()
  const seen = current.request?.seen
  if (seen && seen.push(error) > MAX_SEEN) seen.shift()
  return current
}
