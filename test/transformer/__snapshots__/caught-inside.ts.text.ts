/** @ErrorMonitor */
import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/caught-inside.ts\",[[\"JSON.parse()\",4,12]],[[null,\"tolerant\",2,17,[[1,3,0],[1,5],[2,5]]],[null,\"labelled\",9,17,[[1,3],[1,3],[1,5],[1,7],[1,9],[5,3]]]],1]");export function tolerant(input: string) {let __ew_s = 1; try {
  try {__ew_s = 2; 
    return JSON.parse(input)
  } catch {__ew_s = 3; 
    return null
  }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

/** @ErrorMonitor */
export function labelled(rows: number[][]) {let __ew_s = 1; try {
  let found = -1;__ew_s++; 
  search: for (const row of rows) {__ew_s = 3; 
    for (const cell of row) {__ew_s = 4; 
      if (cell < 0) {__ew_s = 5; 
        found = cell
        break search
      }
    }
  };__ew_s = 6; 
  return found
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, __ew_s); throw __ew_e; }}

export async function scenario() {
  return [tolerant('{'), tolerant('1'), labelled([[1], [2, -3, -4]])]
}

// Errors handled inside a woven function are not reports.
export const expectedReports = []
