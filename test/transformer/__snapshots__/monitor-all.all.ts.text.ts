import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/monitor-all.all.ts\",[[\"new RangeError()\",4,22],[\"calculator.ratio()\",17,21],[\"run()\",3,7],[\"outcomes.push()\",2,7],[\"[1, 2].map()\",3,21]],[[null,\"divide\",3,17,[[1,3,1],[0,16],[1,3]]],[\"Calculator\",\"ratio\",6,3,[[1,5]]],[null,\"scenario\",10,23,[[1,3,2,-1],[1,3,-1],[1,3,-2],[1,5,4,7,8],[1,7,-1],[2,7,5,7,8],[3,3],[1,3]]],[null,\"<anonymous>\",3,22,[[0,28]]],[null,\"<anonymous>\",0,52,[[0,58]]],[null,\"<anonymous>\",7,32,[[0,39]]]],4]");import { NoErrorMonitor } from 'errorweave'

export function divide(a: number, b: number) {let __ew_s = 1; try {
  if (b === 0) { __ew_s = 2; throw new RangeError('division by zero') };__ew_s = 3; 
  return a / b
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

export class Calculator {
  ratio(a: number, b: number) {try {
    return divide(a, b)
  } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, 1); throw __ew_e; }}

  ;
  unsafe() {
    throw new Error('excluded')
  }
}

export async function scenario() {let __ew_s = 1; try {
  const calculator = new Calculator();__ew_s++; 
  const outcomes = [calculator.ratio(6, 3)];__ew_s++; 
  for (const run of [() => { try { return calculator.ratio(1, 0); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 3, 1); throw __ew_e; } }, () => { try { return calculator.unsafe(); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 4, 1); throw __ew_e; } }]) {__ew_s = 4; 
    try {__ew_s = 5; 
      run()
    } catch (error) {__ew_s = 6; 
      outcomes.push((error as Error).message as never)
    }
  };__ew_s = 7; 
  const callbacks = [1, 2].map((n) => { try { return n * 2; } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 5, 1); throw __ew_e; } });__ew_s++; 
  return { outcomes, callbacks }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 2, __ew_s); throw __ew_e; }}

// The scenario's own arrows are woven too: the one that throws is the outermost chain entry.
export const expectedReports = [
  {
    class: null,
    method: 'divide',
    line: 4,
    errorType: 'RangeError',
    caller: { function: 'Calculator.ratio', line: 10 },
    chain: [
      { class: 'Calculator', method: 'ratio', line: 10 },
      { class: null, method: '<anonymous>', line: 22 },
    ],
  },
  { class: null, method: '<anonymous>', line: 22, column: 58, message: 'Error: excluded' },
]
