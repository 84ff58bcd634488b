/** @ErrorMonitor */
import * as __ew from "errorweave";var __ew_T = __ew.table("{\"file\":\"test/transformer/fixtures/caught-inside.ts\",\"calls\":[[\"JSON.parse()\",4,12]],\"functions\":[[null,\"tolerant\",2,17,\"ERROR\",null,null,[[3,3,0],[4,5],[6,5]]],[null,\"labelled\",11,17,\"ERROR\",null,null,[[12,3],[13,3],[14,5],[15,7],[16,9],[17,9],[21,3]]]]}");export function tolerant(input: string) {let __ew_s = 0; try {__ew_s = 1; 
  try {__ew_s = 2; 
    return JSON.parse(input)
  } catch {__ew_s = 3; 
    return null
  }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

/** @ErrorMonitor */
export function labelled(rows: number[][]) {let __ew_s = 0; try {__ew_s = 1; 
  let found = -1;__ew_s = 2; 
  search: for (const row of rows) {__ew_s = 3; 
    for (const cell of row) {__ew_s = 4; 
      if (cell < 0) {__ew_s = 5; 
        found = cell;__ew_s = 6; 
        break search
      }
    }
  };__ew_s = 7; 
  return found
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, __ew_s); throw __ew_e; }}

export async function scenario() {
  return [tolerant('{'), tolerant('1'), labelled([[1], [2, -3, -4]])]
}

// Errors handled inside a woven function are not reports.
export const expectedReports = []
