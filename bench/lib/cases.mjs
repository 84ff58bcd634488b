import { interleave, summarize, timeMs } from './stats.mjs'

/**
 * Times each case's variants (drivers taking a call count, sync or async) in interleaved
 * rounds; the first variant of a case is its baseline. Every variant must return the
 * same checksum. Returns, per case: calls per sample, ns per call (fastest sample) and
 * the ratio against the baseline (median of rounds, min, max).
 */
export async function measureCases(cases, { rounds, sampleMs, warmupMs }) {
  const results = {}
  for (const [name, drivers] of Object.entries(cases)) {
    const variants = Object.keys(drivers)
    const sums = await Promise.all(variants.map((v) => drivers[v](257)))
    if (!sums.every((sum) => sum === sums[0])) throw new Error(`${name}: variants disagree: ${sums.join(', ')}`)
    for (const variant of variants) {
      const started = Date.now()
      while (Date.now() - started < warmupMs) await drivers[variant](100)
    }
    const calls = await callsPerSample(drivers[variants[0]], sampleMs)
    const { times, ratios } = await interleave(variants, rounds, (variant) => timeMs(() => drivers[variant](calls)))
    results[name] = {
      calls,
      // The fastest sample: on a shared machine, the least disturbed estimate of the cost.
      nsPerCall: Object.fromEntries(variants.map((v) => [v, (Math.min(...times[v]) * 1e6) / calls])),
      ratio: Object.fromEntries(variants.slice(1).map((v) => [v, summarize(ratios[v])])),
    }
  }
  return results
}

/** Enough calls that one baseline sample takes `sampleMs`, far above timer resolution. */
async function callsPerSample(driver, sampleMs) {
  let calls = 64
  while ((await timeMs(() => driver(calls))) < sampleMs) calls *= 2
  return calls
}
