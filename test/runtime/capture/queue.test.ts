import { afterEach, expect, test } from 'vitest'
import { drainInto, record, type Captured, type Crossing } from '../../../src/runtime/capture/queue.js'

/**
 * The capture queue's occurrence and chain rules, driven through record() itself: the same
 * value leaving another woven function is one more chain entry of its newest pending capture;
 * leaving the same statement again, or met after 64 other new captures, it is a new occurrence.
 */
const at = (fn: number): Crossing => ({ table: undefined, fn, statement: 1 })

/**
 * Records each [value, woven function index] as that function's catch block does, then drains:
 * the captures as [value, chain of function indexes], oldest first.
 */
function capturesOf(throws: Array<[unknown, number]>): Array<[unknown, number[]]> {
  for (const [value, fn] of throws) record(value, 'woven', at(fn))
  const taken: Captured[] = []
  drainInto((captured) => taken.push(captured))
  return taken.map((captured) => [captured.error, captured.crossings.map((crossing) => crossing.fn)])
}

afterEach(() => void capturesOf([]))

test('a thrown undefined is captured and chained like any value, never taken for an empty look-back slot', () => {
  const shared = new Error('shared')
  // The second occurrence of `shared` empties the look-back slot of the first.
  expect(capturesOf([[shared, 0], [shared, 0], [undefined, 1], [undefined, 2], [null, 1]])).toStrictEqual([
    [shared, [0]],
    [shared, [0]],
    [undefined, [1, 2]],
    [null, [1]],
  ])
})

test('a value with two pending occurrences chains onto the newest, and a third from the same statement is new again', () => {
  const shared = new Error('shared')
  expect(capturesOf([[shared, 0], [shared, 0], [shared, 1], [shared, 0], [shared, 2]])).toStrictEqual([
    [shared, [0]],
    [shared, [0, 1]],
    [shared, [0, 2]],
  ])
})

test('NaN and -0 are found again; a string equal in text is the same value', () => {
  expect(capturesOf([[NaN, 0], [NaN, 1], [-0, 0], [0, 1], [`te${'xt'}`, 0], ['text', 1]])).toStrictEqual([
    [NaN, [0, 1]],
    [-0, [0, 1]],
    ['text', [0, 1]],
  ])
})

for (const others of [63, 64]) {
  test(`a value met again after ${others} other new captures is ${others < 64 ? 'one more chain entry' : 'a new occurrence'}`, () => {
    const traveller = new Error('traveller')
    const between = Array.from({ length: others }, (_, index): [unknown, number] => [new Error(`other ${index}`), 0])
    const travellers = capturesOf([[traveller, 0], ...between, [traveller, 1]]).filter(([value]) => value === traveller)
    expect(travellers.map(([, chain]) => chain)).toStrictEqual(others < 64 ? [[0, 1]] : [[0], [1]])
  })
}

test('after a drain the same value is a new occurrence', () => {
  const error = new Error('again')
  expect(capturesOf([[error, 0]])).toHaveLength(1)
  expect(capturesOf([[error, 1]])).toStrictEqual([[error, [1]]])
})
