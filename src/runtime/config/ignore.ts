import type { Category } from '../report/types.js'

/** `ignore` compiled: errors these match are counted in stats, never reported. */
export interface IgnoreRules {
  /** Error types: the error's name or any class it extends. */
  types: string[]
  categories: Category[]
  patterns: RegExp[]
  predicates: Array<(error: unknown) => boolean>
}

const TYPE_NAME = /^[A-Za-z_$][\w$.]*$/
const CATEGORY = /^category:(transient|system|business|permanent)$/

/**
 * Comma-separated error types and `category:<name>` (properties file, environment);
 * in code also RegExps over the message and predicates. Undefined when an entry is
 * neither, so the one warning names the setting.
 */
export function parseIgnore(raw: unknown): IgnoreRules | undefined {
  const rules: IgnoreRules = { types: [], categories: [], patterns: [], predicates: [] }
  // A seed-style trailing `# comment` cannot be part of a type name.
  for (const entry of typeof raw === 'string' ? [raw.replace(/\s#.*$/, '')] : Array.isArray(raw) ? raw : [undefined]) {
    if (entry instanceof RegExp) rules.patterns.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')))
    else if (typeof entry === 'function') rules.predicates.push(entry as (error: unknown) => boolean)
    else if (typeof entry !== 'string') return undefined
    else {
      for (const word of entry.split(',').map((part) => part.trim()).filter(Boolean)) {
        const category = CATEGORY.exec(word)
        if (category) rules.categories.push(category[1] as Category)
        else if (TYPE_NAME.test(word)) rules.types.push(word)
        else return undefined
      }
    }
  }
  return rules
}
