/** @ErrorMonitor({ enableFuturePrediction: true }) */
import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/control-flow.ts\",[[\"log.push()\",11,9],[\"notify()\",3,18,\"notify\"],[\"finish()\",2,3,\"finish\"]],[[null,\"process\",2,17,[[1,3,-1],[1,3,-1],[1,5,-1],[6,9,1,-1],[3,3,3,5],[0,18,4],[1,8],[1,3],[1,3]],\"ERROR\",null,true]],3]");export function process(items: string[], log: string[]) {let __ew_s = 1; try {
  const total = count(items);__ew_s++; 
  outer: for (const item of items) {__ew_s = 3; 
    switch (item) {
      case 'skip':
        continue outer
      case 'stop':
        break outer
      default:;__ew_s = 4; 
        log.push(item)
    }
  };__ew_s = 5; 
  if (total > 2) { __ew_s = 6; notify(log) }
  else { __ew_s = 7; return total };__ew_s = 8; 
  finish(log);__ew_s++; 
  return total
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

function count(items: string[]) {
  if (items.includes('bad')) throw new Error('bad item')
  return items.length
}

function notify(log: string[]) {
  log.push('notified')
}

function finish(log: string[]) {
  log.push('finished')
}

export async function scenario() {
  const log: string[] = []
  const first = process(['a', 'skip', 'b', 'stop', 'c'], log)
  let failure: unknown
  try {
    process(['bad'], log)
  } catch (error) {
    failure = (error as Error).message
  }
  return { first, log, failure }
}

export const expectedReports = [
  {
    class: null,
    method: 'process',
    line: 3,
    futureCalls: ['log.push()', 'notify()', 'finish()'],
    futureCallSites: [
      { call: 'log.push()', line: 11, conditional: true },
      { call: 'notify()', line: 14, conditional: true, resolved: 'notify' },
      { call: 'finish()', line: 16, conditional: true, resolved: 'finish' },
    ],
  },
]
