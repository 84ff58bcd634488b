/** Statistics and timing shared by every benchmark. */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The figure every table shows: median with min and max over the rounds. */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), rounds: values.length }
}

/** Milliseconds taken by `run` (awaited when it returns a promise). */
export async function timeMs(run) {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/**
 * Interleaved rounds: every round runs each variant once, in an order rotated by the
 * round number, so drift in machine load hits every variant alike. Returns, per
 * variant, the per-round times and the per-round ratios against `baseline`.
 */
export async function interleave(variants, rounds, measure, baseline = variants[0]) {
  const times = Object.fromEntries(variants.map((v) => [v, []]))
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]
      times[variant].push(await measure(variant, round))
    }
  }
  const ratios = Object.fromEntries(
    variants.map((v) => [v, times[v].map((t, round) => t / times[baseline][round])]),
  )
  return { times, ratios }
}
