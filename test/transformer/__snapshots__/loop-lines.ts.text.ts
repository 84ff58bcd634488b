import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/loop-lines.ts\",[[\"seen.push()\",14,5],[\"seen.push()\",1,5],[\"queue.next()\",-2,18],[\"check()\",10,22],[\"check()\",5,12]],[[null,\"drain\",11,17,[[2,3,1,3,5],[1,5,2,-1],[1,5,4,1,3],[2,3]]],[null,\"countdown\",10,17,[[2,3,7,8],[1,5,6,8],[2,3,8],[1,5,8],[2,3]]]],3]");export class Queue {
  constructor(private items: number[]) {}
  next() {
    const item = this.items.shift()
    if (item === 0) throw new Error('poisoned item')
    return item
  }
}

/** @ErrorMonitor */
export function drain(queue: Queue, seen: number[]) {let __ew_s = 1; try {
  let item
  while ((__ew_s = 1, (item = queue.next()) !== undefined)) {__ew_s = 2; 
    seen.push(item);__ew_s++; 
    seen.push(-item)
  };__ew_s = 4; 
  return seen
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

/** @ErrorMonitor */
export function countdown(from: number, check: (n: number) => boolean) {let __ew_s = 1; try {
  let steps = 0
  for (let n = from; (__ew_s = 1, check(n)); (__ew_s = 1, n--)) {__ew_s = 2; 
    steps++
  };__ew_s = 3; 
  do {__ew_s = 4; 
    steps--
  } while ((__ew_s = 3, check(steps)));__ew_s = 5; 
  return steps
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, __ew_s); throw __ew_e; }}

export async function scenario() {
  const seen: number[] = []
  const outcomes: unknown[] = [drain(new Queue([1]), [])]
  for (const run of [() => drain(new Queue([1, 2, 0]), seen), () => countdown(3, (n) => (n === 1 ? explode() : n > 0))]) {
    try {
      outcomes.push(run())
    } catch (error) {
      outcomes.push((error as Error).message)
    }
  }
  return { outcomes, seen }
}

function explode(): boolean {
  throw new Error('check failed')
}

// An error in a loop test after the first pass is placed on the loop, not on the last body statement.
export const expectedReports = [
  { method: 'drain', line: 13, message: 'Error: poisoned item' },
  { method: 'countdown', line: 23, message: 'Error: check failed' },
]
