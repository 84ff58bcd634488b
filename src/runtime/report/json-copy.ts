/** How jsonCopy treats strings and keys (masking, caps) and which fields it replaces whole. */
export interface CopyRules {
  text(value: string, key: string | undefined, depth: number): string
  key(name: string): string
  /** A replacement for a field's value, or undefined to copy the value. */
  field?(name: string, value: unknown): unknown
  maxDepth: number
  maxNodes: number
}

const MAX_ITEMS = 100

/**
 * A JSON-safe copy of anything: getters that throw, Proxies, cycles and exotic values
 * cannot get through, and depth, arrays, keys and nodes are bounded.
 */
export function jsonCopy(root: unknown, rules: CopyRules): unknown {
  let nodes = rules.maxNodes
  const path = new Set<object>()
  const copy = (value: unknown, depth: number, key?: string): unknown => {
    if (--nodes < 0) return undefined
    if (typeof value === 'string') return rules.text(value, key, depth)
    if (typeof value === 'number') return Number.isFinite(value) ? value : null
    if (typeof value === 'bigint') return String(value)
    if (typeof value !== 'object' || value === null) return typeof value === 'boolean' || value === null ? value : undefined
    if (depth >= rules.maxDepth || path.has(value)) return '[omitted]'
    path.add(value)
    try {
      if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => copy(item, depth + 1) ?? null)
      const out: Record<string, unknown> = {}
      for (const name of Object.keys(value).slice(0, MAX_ITEMS)) {
        let field: unknown
        try {
          field = (value as Record<string, unknown>)[name]
        } catch {
          field = '[unreadable]'
        }
        const copied = rules.field?.(name, field) ?? copy(field, depth + 1, name)
        if (copied !== undefined) out[rules.key(name)] = copied
      }
      return out
    } catch {
      return '[unreadable]'
    } finally {
      path.delete(value)
    }
  }
  return copy(root, 0)
}
