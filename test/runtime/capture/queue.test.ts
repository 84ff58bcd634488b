import { afterEach, expect, test } from 'vitest'
import { drainInto, record, type Captured, type Crossing } from '../../../src/runtime/capture/queue.js'

/**
 * The capture queue's occurrence and chain rules, driven through record() itself: the same
 * value leaving another woven function is one more chain entry of its newest pending capture;
 * leaving the same statement again, or met after 64 other new captures, it is a new occurrence.
 */
const at = (fn: number, statement = 1): Crossing => ({ table: undefined, fn, statement })
const woven = (error: unknown, crossing: Crossing) => record(error, 'woven', crossing)

/** The pending captures as [value, chain of function indexes], oldest first; the queue is then empty. */
function drained(): Array<[unknown, number[]]> {
  const taken: Captured[] = []
  drainInto((captured) => taken.push(captured))
  return taken.map((captured) => [captured.error, captured.crossings.map((crossing) => crossing.fn)])
}

afterEach(() => void drained())

test('a thrown undefined is captured and chained like any value, never taken for an empty look-back slot', () => {
  const shared = new Error('shared')
  // The second occurrence of `shared` empties the look-back slot of the first.
  woven(shared, at(0))
  woven(shared, at(0))
  woven(undefined, at(1))
  woven(undefined, at(2))
  woven(null, at(1))
  expect(drained()).toStrictEqual([
    [shared, [0]],
    [shared, [0]],
    [undefined, [1, 2]],
    [null, [1]],
  ])
})

test('a value with two pending occurrences chains onto the newest, and a third from the same statement is new again', () => {
  const shared = new Error('shared')
  woven(shared, at(0))
  woven(shared, at(0))
  woven(shared, at(1))
  woven(shared, at(0))
  woven(shared, at(2))
  expect(drained()).toStrictEqual([
    [shared, [0]],
    [shared, [0, 1]],
    [shared, [0, 2]],
  ])
})

test('NaN and -0 are found again; a string equal in text is the same value', () => {
  woven(NaN, at(0))
  woven(NaN, at(1))
  woven(-0, at(0))
  woven(0, at(1))
  woven(`te${'xt'}`, at(0))
  woven('text', at(1))
  expect(drained()).toStrictEqual([
    [NaN, [0, 1]],
    [-0, [0, 1]],
    ['text', [0, 1]],
  ])
})

for (const others of [63, 64]) {
  test(`a value met again after ${others} other new captures is ${others < 64 ? 'one more chain entry' : 'a new occurrence'}`, () => {
    const traveller = new Error('traveller')
    woven(traveller, at(0))
    for (let index = 0; index < others; index++) woven(new Error(`other ${index}`), at(0))
    woven(traveller, at(1))
    const travellers = drained().filter(([value]) => value === traveller)
    expect(travellers.map(([, chain]) => chain)).toStrictEqual(others < 64 ? [[0, 1]] : [[0], [1]])
  })
}

test('after a drain the same value is a new occurrence', () => {
  const error = new Error('again')
  woven(error, at(0))
  expect(drained()).toHaveLength(1)
  woven(error, at(1))
  expect(drained()).toStrictEqual([[error, [1]]])
})
