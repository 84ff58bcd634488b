// A statement that follows a simple sibling of its list writes `s++`; one reached any
// other way (an `else` arm, a `case` jumped to, a `catch`, after a loop or a block) sets
// its number. Each function fails at a statement it reaches by the path named.

import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/statement-steps.all.ts\",[[\"new Error()\",9,26],[\"new Error()\",8,13],[\"JSON.parse()\",6,5],[\"new Error()\",2,11],[\"new Error()\",6,9],[\"new Error()\",8,9],[\"new Error()\",7,11],[\"new Error()\",9,9],[\"attempt()\",8,7],[\"failures.push()\",2,7]],[[null,\"afterElse\",5,17,[[2,3,1],[0,13,1],[1,8,1],[1,3,1],[0,20]]],[null,\"caseJumpedTo\",7,17,[[1,3,3],[2,7,2],[2,7]]],[null,\"inCatch\",9,17,[[1,3,4,7],[1,5],[2,5]]],[null,\"afterEmbeddedLoop\",8,17,[[1,3,8],[0,35,8],[1,3]]],[null,\"afterLabeledBlock\",5,17,[[1,3,10],[1,5,10],[1,5,10],[2,3]]],[null,\"throughFinally\",8,17,[[2,3,12],[1,5,12],[1,5],[2,5]]],[null,\"stepped\",10,17,[[2,3,14],[1,3]]],[null,\"scenario\",6,23,[[1,3,-1],[1,3,-1],[1,3,-2],[1,5,16,19],[1,7,-1],[2,7,17,19],[3,3]]],[null,\"<anonymous>\",2,21,[[0,27]]],[null,\"<anonymous>\",0,44,[[0,50]]],[null,\"<anonymous>\",0,78,[[0,84]]],[null,\"<anonymous>\",0,106,[[0,112]]]],2]");var __ew_W = __ew.watchers(__ew_T, [[7,7]]);export function afterElse(fail: boolean) {let __ew_s = 1; try {
  let taken = 0
  if (fail) { __ew_s = 2; taken = 1 }
  else { __ew_s = 3; taken = 2 };__ew_s = 4; 
  if (taken === 1) { __ew_s = 5; throw new Error('after else') }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}

export function caseJumpedTo(kind: string) {let __ew_s = 1; try {
  switch (kind) {
    case 'a':;__ew_s = 2; 
      kind = 'was a'
    case 'b':;__ew_s = 3; 
      throw new Error('in case b')
  }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, __ew_s); throw __ew_e; }}

export function inCatch() {let __ew_s = 1; try {
  try {__ew_s = 2; 
    JSON.parse('{')
  } catch {__ew_s = 3; 
    throw new Error('in catch')
  }
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 2, __ew_s); throw __ew_e; }}

export function afterEmbeddedLoop(limit: number) {let __ew_s = 1; try {
  for (let i = 0; (__ew_s = 1, i < limit); (__ew_s = 1, i++)) { __ew_s = 2; limit-- };__ew_s = 3; 
  throw new Error('after loop')
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 3, __ew_s); throw __ew_e; }}

export function afterLabeledBlock(leave: boolean) {let __ew_s = 1; try {
  block: {__ew_s = 2; 
    if (leave) break block;__ew_s++; 
    leave = true
  };__ew_s = 4; 
  throw new Error('after block')
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 4, __ew_s); throw __ew_e; }}

export function throughFinally() {let __ew_s = 1; try {
  let done = false
  try {__ew_s = 2; 
    done = true;__ew_s++; 
    throw new Error('in try')
  } finally {const __ew_f = __ew_s; __ew_s = 4; 
    done = !done
   __ew_s = __ew_f;}
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 5, __ew_s); throw __ew_e; }}

export function stepped() {let __ew_s = 1; try {
  const a = 1
  const b = a + 1;__ew_s++; 
  throw new Error(`stepped ${b}`)
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 6, __ew_s); throw __ew_e; }}

export async function scenario() {let __ew_s = 1; try {
  const failures: string[] = [];__ew_s++; 
  const attempts = [() => { try { return afterElse(true); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 8, 1); throw __ew_e; } }, () => { try { return caseJumpedTo('b'); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 9, 1); throw __ew_e; } }, inCatch, () => { try { return afterEmbeddedLoop(3); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 10, 1); throw __ew_e; } }, () => { try { return afterLabeledBlock(true); } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 11, 1); throw __ew_e; } }, throughFinally, stepped];__ew_s++; 
  for (const attempt of attempts) {__ew_s = 4; 
    try {__ew_s = 5; 
      attempt()
    } catch (error) {__ew_s = 6; 
      failures.push((error as Error).message)
    }
  };__ew_s = 7; 
  return __ew.watch((failures), __ew_W, 0)
} catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 7, __ew_s); throw __ew_e; }}

export const expectedReports = [
  { method: 'afterElse', line: 9 },
  { method: 'caseJumpedTo', line: 17 },
  { method: 'inCatch', line: 25 },
  { method: 'afterEmbeddedLoop', line: 31 },
  { method: 'afterLabeledBlock', line: 39 },
  { method: 'throughFinally', line: 46 },
  { method: 'stepped', line: 55 },
]
