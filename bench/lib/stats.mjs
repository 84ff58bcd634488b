/** Statistics and timing shared by every benchmark. */

/** Rounds to run: the knob `name` when set, else `full`, or `quick` under BENCH_QUICK (`npm run bench:quick`). */
export function roundsFor(name, full, quick) {
  return Number(process.env[name] ?? (process.env.BENCH_QUICK ? quick : full))
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * The figure every table shows: median with min and max over the rounds, and a
 * distribution-free confidence interval of the median (`low`-`high`, at `confidence`).
 */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), rounds: values.length, ...medianInterval(values) }
}

/**
 * The interval between the k-th smallest and the k-th largest of n values holds the true
 * median with probability 1 - 2 P(Binomial(n, 1/2) < k), whatever the distribution of
 * the values: k is the largest that keeps that at or above 95% (with n < 6 no k does,
 * and the interval is min-max at its own, lower, confidence).
 */
export function medianInterval(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  let k = 1
  while (k < n / 2 && 1 - 2 * binomialBelow(n, k + 1) >= 0.95) k++
  return { low: sorted[k - 1], high: sorted[n - k], confidence: 1 - 2 * binomialBelow(n, k) }
}

/** P(Binomial(n, 1/2) < k). */
function binomialBelow(n, k) {
  let sum = 0
  let choose = 1
  for (let i = 0; i < k; i++) {
    sum += choose
    choose = (choose * (n - i)) / (i + 1)
  }
  return sum / 2 ** n
}

/**
 * A target's verdict from a ratio summary: met when the whole interval is within the
 * bound, not met when the whole interval is beyond it, else unclear (more rounds needed):
 * noise alone cannot flip a verdict given.
 */
export function verdict(summary, bound) {
  if (summary.low === undefined) return summary.median <= bound ? 'met' : 'not met'
  if (summary.high <= bound) return 'met'
  if (summary.low > bound) return 'not met'
  return 'unclear'
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
