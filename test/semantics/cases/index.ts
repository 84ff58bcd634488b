import type { SemanticCase } from '../harness.js'
import { asyncCases } from './async.js'
import { classCases } from './classes.js'
import { legacyDecoratorCases, standardDecoratorCases } from './decorators.js'
import { functionCases } from './functions.js'
import { generatorCases } from './generators.js'
import { reportingCases } from './reporting.js'
import { statementCases } from './statements.js'
import { valueCases } from './values.js'

/** Every semantic case, by group. */
export const caseGroups: Record<string, SemanticCase[]> = {
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

export const allCases: SemanticCase[] = Object.values(caseGroups).flat()
