import { describe, test } from 'vitest'
import { runCase } from './harness.js'
import { caseGroups } from './cases/index.js'

/** Every case runs plain, woven by the text emitter and woven by the AST emitter. */
for (const [group, cases] of Object.entries(caseGroups)) {
  describe(group, () => {
    cases.forEach((c, index) => test(c.name, () => runCase(c, group, index)))
  })
}
