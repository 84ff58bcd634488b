import { configure, flush } from 'errorweave'
import { BillingService } from './billing.ts'
import { handle, plainParse } from './handlers.ts'
import { syncUsers } from './sync.ts'

// One JSON line per report, and one per caught error's stack: the tests parse them.
configure({
  beforeSend(report) {
    console.log(`EWREPORT ${JSON.stringify(report)}`)
    return null
  },
})

function printStack(scenario: string, error: unknown): void {
  console.log(`EWSTACK ${JSON.stringify({ scenario, stack: String((error as Error).stack) })}`)
}

async function runScenarios(): Promise<void> {
  const billing = new BillingService()
  try {
    billing.charge(-5)
  } catch (error) {
    printStack('charge', error)
  }
  try {
    billing.audit()
  } catch (error) {
    printStack('audit', error)
  }
  try {
    await syncUsers(['1', 'x'])
  } catch (error) {
    printStack('syncUsers', error)
  }
  try {
    handle({ body: '{}' })
  } catch (error) {
    printStack('handle', error)
  }
  try {
    plainParse('{}')
  } catch (error) {
    printStack('plainParse', error)
  }
  await flush()
  console.log('EWDONE')
  // Left uncaught on purpose: the runtime's own printout of the stack is checked too.
  billing.charge(-1)
}

void runScenarios()
