/** An `ignore` entry: an error type, `category:<name>`, a RegExp over the message, or a predicate. */
export type IgnoreEntry = string | RegExp | ((error: unknown) => boolean)

const WORD = /^(category:(transient|system|business|permanent)|[A-Za-z_$][\w$.]*)$/

/**
 * Comma-separated error types and `category:<name>` (properties file, environment; a
 * seed-style trailing `# comment` is dropped); in code also RegExps and predicates.
 * Undefined when an entry is none of these, so the one warning names the setting.
 */
export function parseIgnore(raw: unknown): IgnoreEntry[] | undefined {
  const entries: unknown[] = typeof raw === 'string' ? [raw.replace(/\s#.*$/, '')] : Array.isArray(raw) ? raw : [0]
  const rules: IgnoreEntry[] = []
  for (const entry of entries) {
    // A /g or /y flag would make test() remember where it stopped.
    if (entry instanceof RegExp) rules.push(new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')))
    else if (typeof entry === 'function') rules.push(entry as (error: unknown) => boolean)
    else if (typeof entry !== 'string') return undefined
    else {
      for (const word of entry.split(',').map((part) => part.trim()).filter(Boolean)) {
        if (!WORD.test(word)) return undefined
        rules.push(word)
      }
    }
  }
  return rules
}
