import { describe, test } from 'vitest'
import { runCase, type SemanticCase } from './harness.js'
import { asyncCases } from './cases/async.js'
import { classCases } from './cases/classes.js'
import { legacyDecoratorCases, standardDecoratorCases } from './cases/decorators.js'
import { functionCases } from './cases/functions.js'
import { generatorCases } from './cases/generators.js'
import { reportingCases } from './cases/reporting.js'
import { statementCases } from './cases/statements.js'
import { valueCases } from './cases/values.js'

/** Every case runs plain, woven by the text emitter and woven by the AST emitter. */
const groups: Record<string, SemanticCase[]> = {
  values: valueCases,
  classes: classCases,
  statements: statementCases,
  generators: generatorCases,
  async: asyncCases,
  functions: functionCases,
  'legacy decorators': legacyDecoratorCases,
  'standard decorators': standardDecoratorCases,
  reporting: reportingCases,
}

for (const [group, cases] of Object.entries(groups)) {
  describe(group, () => {
    cases.forEach((c, index) => test(c.name, () => runCase(c, group, index)))
  })
}
