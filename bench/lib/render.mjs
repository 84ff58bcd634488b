/** BENCHMARKS.md from bench/results.json: the targets first, then a table per benchmark. */
import { verdict } from './stats.mjs'

const x = (ratio) => `${ratio.toFixed(2)}x`
const spread = (s) => `${x(s.median)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
/** A ratio with the interval its verdict rests on (stats.mjs medianInterval), where the run has one. */
const withInterval = (s) => (s.low === undefined ? x(s.median) : `${x(s.median)} (${s.low.toFixed(2)}–${s.high.toFixed(2)} at ${Math.floor(s.confidence * 100)}%)`)
const metIf = (condition) => (condition ? 'met' : 'not met')
/** Every case's verdict at once: not met if any is, met if all are. */
const worstVerdict = (verdicts) => (verdicts.includes('not met') ? 'not met' : verdicts.every((v) => v === 'met') ? 'met' : 'unclear')

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

function caption(section, node = section.node) {
  const load = `load average ${section.loadBefore.toFixed(1)} → ${section.loadAfter.toFixed(1)} on ${section.machine.split(' x')[1]?.split(',')[0] ?? '?'} cores`
  return `_${section.machine}; Node ${node}; ${section.date.slice(0, 16).replace('T', ' ')} UTC; ${load}; runtime from \`${section.runtime}\`._`
}

/** How the targets table names each build floor (bench/build/floor-plugins.mjs). */
const BUILD_FLOORS = {
  hookFloor: 'a hook that returns nothing',
  replayAnnotated: 'building our woven text',
  replayMonitorAll: 'building our woven text',
  replayAll: 'building our woven text',
  parseAll: 'parsing with oxc-parser, then building our woven text',
  parseAnnotated: 'parsing with oxc-parser, then building our woven text',
  parseClustered: 'parsing with oxc-parser, then building our woven text',
}

/**
 * Floors: for a case over target, the part of the woven shape that the guarantee itself
 * needs, measured alone in bench/happy/shapes.mjs (the variant name).
 */
const HAPPY_FLOORS = { asyncReturn: ['reactionOnly', 'the reaction alone'], async: ['tryOnly', 'try/catch alone'], generator: ['tryOnly', 'try/catch alone'], loop1000: ['tryOnly', 'try/catch alone'] }

/**
 * Each target: what it asks, the measured figure, the floor measured in the same run
 * (what any build of this design pays: a target below it cannot be met by tuning; empty
 * where the target is met or no floor was measured), and the verdict: met, not met, or
 * unclear when the interval of a timed ratio spans the bound (stats.mjs verdict).
 */
export function targets({ sections: { happy, errors, build, size, collector, hono } }) {
  const rows = []
  if (happy) {
    for (const run of happy.data.runs) {
      const over = Object.entries(run.cases)
        .map(([name, c]) => [name, c.ratio.woven.median])
        .sort((a, b) => b[1] - a[1])
      const [worst] = over[0]
      const floors = over
        .filter(([name, r]) => r > 1.02 && HAPPY_FLOORS[name] && run.shapes?.[name]?.ratio[HAPPY_FLOORS[name][0]])
        .map(([name]) => `${name}: ${HAPPY_FLOORS[name][1]} ${x(run.shapes[name].ratio[HAPPY_FLOORS[name][0]].median)}`)
        .join('; ')
      const every = worstVerdict(Object.values(run.cases).map((c) => verdict(c.ratio.woven, 1.02)))
      rows.push([`happy path, Node ${run.node}: woven <= 1.02x plain, every case`, `worst: ${worst} ${withInterval(run.cases[worst].ratio.woven)}`, floors, every])
    }
  }
  if (errors) {
    const capture = errors.data.perError.ratio.capture
    rows.push(['error path: woven throw + capture <= 1.25x bare throw/catch', withInterval(capture), '', verdict(capture, 1.25)])
    const woven = errors.data.storms.filter((s) => s.variant === 'woven')
    const big = woven.filter((s) => s.errors === 1_000_000)
    const bounded = big.every((s) => {
      const small = woven.find((t) => t.shape === s.shape && t.errors < s.errors)
      return s.retainedMB < 5 && (!small || s.maxRssMB <= 1.5 * small.maxRssMB)
    })
    const figure = big.map((s) => `${s.shape}: retained ${fixed(s.retainedMB)} MB, peak RSS ${fixed(s.maxRssMB, 0)} MB`).join('; ')
    rows.push(['error storm of 1,000,000: memory bounded (retained < 5 MB; peak RSS within 1.5x of 100,000 errors)', figure, '', metIf(bounded)])
    const distinct = errors.data.distinct
    if (distinct) rows.push([`error storm of ${distinct.errors.toLocaleString('en-US')} distinct errors in ticks, collector down: woven CPU <= 2x plain`, withInterval(distinct.ratio), '', verdict(distinct.ratio, 2)])
  }
  const ratioOf = (r) => (r && !r.failed ? r.ratio.median : undefined)
  const floorOf = (modes, names) => {
    const found = names.map((name) => [name, ratioOf(modes[name])]).filter(([, r]) => r !== undefined)
    if (found.length === 0) return ''
    const [name, r] = found.sort((a, b) => b[1] - a[1])[0]
    return `${BUILD_FLOORS[name]} ${x(r)}`
  }
  /** `besides`: more figures of the same run, after the measured one. */
  const row = (bundler, modes, mode, label, bound, floorModes = [], besides = '') => {
    const r = modes[mode]
    if (!r) return
    const result = r.failed ? 'not met' : verdict(r.ratio, bound)
    const figure = r.failed ? 'build failed' : withInterval(r.ratio) + besides
    rows.push([`build, ${bundler}: ${label} <= ${bound.toFixed(2)}x plain`, figure, result === 'met' ? '' : floorOf(modes, floorModes), result])
  }
  if (build) {
    for (const [bundler, modes] of Object.entries(build.data.bundlers)) {
      row(bundler, modes, 'annotated', '10% annotated (spread)', 1.1, ['hookFloor', 'replayAnnotated', 'parseAnnotated'])
      row(bundler, modes, 'clustered', '10% annotated (clustered)', 1.1, ['parseClustered'])
      row(bundler, modes, 'annotatedRebuild', '10% annotated (spread), rebuilt over the weave cache', 1.1, ['hookFloor', 'replayAnnotated'])
    }
    const vite = build.data.bundlers.vite
    if (vite) {
      row('vite', vite, 'monitorAll', 'monitorAll', 1.5, ['hookFloor', 'replayMonitorAll'])
      row('vite', vite, 'monitorAllRebuild', 'monitorAll, rebuilt over the weave cache', 1.5, ['hookFloor', 'replayMonitorAll'])
    }
    // Issue 13's bound for the spread project, on the two bundlers it names.
    for (const bundler of ['vite', 'webpack']) {
      if (build.data.bundlers[bundler]) row(bundler, build.data.bundlers[bundler], 'annotated', '10% annotated (spread), issue 13', 1.5, ['hookFloor', 'replayAnnotated', 'parseAnnotated'])
    }
  }
  if (hono) {
    const { runs, bytes } = hono.data
    for (const { node, builds, throughput } of runs) {
      const peers = [['datadog', "Datadog's live debugger"], ['istanbul', 'istanbul']].filter(([mode]) => ratioOf(builds[mode]) !== undefined)
      const besides = peers.length > 0 ? `; peers: ${peers.map(([mode, name]) => `${name} ${x(ratioOf(builds[mode]))}`).join(', ')}` : ''
      row('vite', builds, 'monitorAll', `hono ${hono.data.version} library, monitorAll, Node ${node}`, 1.6, ['replayAll', 'parseAll'], besides)
      row('vite', builds, 'annotated', `hono ${hono.data.version} library, 10% of files annotated, Node ${node}`, 1.1, ['replayAnnotated', 'parseAnnotated'])
      const woven = throughput.monitorAll
      rows.push([`transform throughput on hono, monitorAll, warm, Node ${node} >= 10 MB/s`, `${fixed(woven.warmMBps)} MB/s`, woven.warmMBps >= 10 ? '' : `oxc-parser's parse alone: ${fixed(woven.phases.parseMBps)} MB/s`, metIf(woven.warmMBps >= 10)])
      rows.push([`transform on hono: cold first file, loading included, Node ${node} < 100 ms`, `${fixed(woven.coldFirstFileMs, 0)} ms`, '', metIf(woven.coldFirstFileMs < 100)])
    }
    const { gzipBytesPerFunction: perFunction, parts } = bytes.monitorAll
    const codeOnly = perFunction - parts.table
    rows.push(['gzip bytes added per woven function on hono, monitorAll <= 40', fixed(perFunction), `the woven code with an empty table: ${fixed(codeOnly)}`, metIf(perFunction <= 40)])
  }
  if (size) {
    const runtime = size.data.runtime.gzipBytes
    const textless = size.data.runtime.textlessGzipBytes
    const floor = textless ? `every string and pattern emptied: ${kb(textless)}` : ''
    const [peer, smallest] = Object.entries(size.data.peers).sort((a, b) => a[1].gzipBytes - b[1].gzipBytes)[0]
    rows.push(['size: browser runtime <= 4 KB min+gzip', kb(runtime), runtime <= 4096 ? '' : floor, metIf(runtime <= 4096)])
    const quarter = runtime * 4 <= smallest.gzipBytes
    rows.push([`size: browser runtime <= 1/4 of the smallest peer (${peer}, ${kb(smallest.gzipBytes)})`, `${(runtime / smallest.gzipBytes).toFixed(2)} of it`, quarter || !textless ? '' : `${(textless / smallest.gzipBytes).toFixed(2)} of it`, metIf(quarter)])
    const install = size.data.install
    if (install) rows.push(['size: `npm install --omit=dev` of the packed package <= 5 MB', mb(install.installedBytes), '', metIf(install.installedBytes <= 5 * 2 ** 20)])
  }
  if (collector) {
    const { ingest, listMs, stored } = collector.data
    rows.push(['collector: ingests >= 2,000 reports/s over HTTP', `${fixed(ingest.collector.median, 0)} reports/s`, `bare HTTP server parsing the JSON: ${fixed(ingest.bare.median, 0)} reports/s`, metIf(ingest.collector.median >= 2000)])
    rows.push([`collector: dashboard list < 100 ms at ${stored.toLocaleString('en-US')} stored reports`, `${fixed(listMs.list.median)} ms`, '', metIf(listMs.list.median < 100)])
  }
  return rows
}

const perSecond = (s) => `${fixed(s.median, 0)} (${fixed(s.min, 0)}–${fixed(s.max, 0)})`

function collectorSection(section) {
  const { ingest, listMs, perRound, concurrency, reportBytes, stored, storedMB } = section.data
  return [
    '## Collector',
    `\`@errorweave/collector\` in its own process on a SQLite file (${section.data.engine}), fed over HTTP by ${concurrency} keep-alive connections, ${perRound} reports of ${reportBytes} bytes per round, each a new occurrence of one of 500 issues. The floor is a bare \`node:http\` server in its own process that reads and parses each body; rounds interleave the two.`,
    caption(section),
    table(
      ['server', 'reports/s', 'time vs bare'],
      [
        ['bare node:http, JSON.parse', perSecond(ingest.bare), '1.00x'],
        ['collector (validate, group, store, trend, users)', perSecond(ingest.collector), spread(ingest.ratio)],
      ],
    ),
    `Then the database is filled to ${stored.toLocaleString('en-US')} reports (${fixed(storedMB, 0)} MiB of report JSON) in process, 1,000 reports a transaction, no HTTP: ${fixed(section.data.fillPerSecond, 0)} reports/s (building each report included), so the storage is not what bounds ingest over HTTP. Each page is fetched 15 times (server-rendered HTML, over HTTP, after one warm-up):`,
    table(['page', 'ms (median)', 'min–max'], Object.entries(listMs).map(([name, s]) => [name, fixed(s.median), `${fixed(s.min)}–${fixed(s.max)}`])),
  ].join('\n\n')
}

/** Hand-written variants of one measured shape: one row per variant, the first is the baseline. */
function variantsTable(cases) {
  return table(
    ['case', 'variant', 'ns per call (fastest sample)', 'vs first variant'],
    Object.entries(cases).flatMap(([name, c]) =>
      Object.entries(c.nsPerCall).map(([variant, ns], i) => [i === 0 ? name : '', variant, fixed(ns, 1), i === 0 ? '1.00x' : spread(c.ratio[variant])]),
    ),
  )
}

function happySection(section) {
  const parts = [
    '## Happy path',
    'Hot functions from `bench/happy/cases.ts`, each built four ways from the same source: **plain** (our decorators deleted), **woven** by the plugin, **fallback** (built without the plugin: the runtime `@ErrorMonitor` decorator wraps the method) and **guard** (plain plus `const p = probes(id); if (p) ...` at entry, as build-time live debuggers inject). Each driver calls its case in a loop; rounds interleave the four variants in rotating order; a figure is the median per-round ratio against plain in the same round, with min–max.',
  ]
  for (const run of section.data.runs) {
    parts.push(`### Node ${run.node} (V8 ${run.v8})`, caption(section, run.node), `${run.rounds} rounds, samples of ~${run.sampleMs} ms.`)
    parts.push(
      table(
        ['case', 'plain ns/call (fastest sample)', 'woven', 'fallback decorator', 'per-call guard'],
        Object.entries(run.cases).map(([name, c]) => [name, fixed(c.nsPerCall.plain, 1), spread(c.ratio.woven), spread(c.ratio.fallback), spread(c.ratio.guard)]),
      ),
    )
    if (run.shapes) {
      parts.push(
        `Where the cost is (Node ${run.node}): \`bench/happy/shapes.mjs\`, the woven shape written by hand next to variants that drop or change one part of it.`,
        variantsTable(run.shapes),
      )
    }
  }
  return parts.join('\n\n')
}

function errorSection(section) {
  const { perError, storms } = section.data
  return [
    '## Error path',
    caption(section),
    `Per error: \`bench/errors/cases.ts\` throws a RangeError from \`parsePort\`, caught by its caller. ${perError.rounds} interleaved rounds of ${perError.errorsPerSample} errors; the capture queue is flushed between samples (untimed).`,
    table(
      ['variant', 'µs per error (fastest sample)', 'vs bare throw/catch'],
      [
        ['bare throw/catch (plain build)', fixed(perError.usPerError.bare, 2), '1.00x'],
        ['woven, capture disabled (the rethrow alone)', fixed(perError.usPerError.rethrow, 2), spread(perError.ratio.rethrow)],
        ['woven, capture enabled (queued)', fixed(perError.usPerError.capture, 2), spread(perError.ratio.capture)],
        ['later, off the failing call: report built and handed to beforeSend', fixed(perError.laterUsPerError, 2), ''],
      ],
    ),
    perError.parts && 'Where the cost is: `bench/errors/parts.mjs`, the woven catch block written by hand with one part of capture at a time.',
    perError.parts && variantsTable(perError.parts),
    'Storm: a fresh process throws N errors through `parsePort` (`burst`: one synchronous loop; `ticks`: 1000 per macrotask, so reports are built between bursts). Time includes the final `flush()`. Peak heap growth is sampled every 10,000 errors (garbage included); retained is after a full GC.',
    table(
      ['build', 'shape', 'errors', 'seconds', 'µs per error', 'peak heap growth MB', 'retained MB', 'peak RSS MB', 'reports (occurrences)'],
      storms.map((s) => [
        s.variant,
        s.shape,
        s.errors.toLocaleString('en-US'),
        fixed(s.totalMs / 1000, 2),
        fixed(s.usPerError, 2),
        fixed(s.peakHeapGrowthMB),
        fixed(s.retainedMB),
        fixed(s.maxRssMB, 0),
        s.variant === 'plain' ? '' : `${s.reports} (${s.occurrences.toLocaleString('en-US')})`,
      ]),
    ),
    section.data.distinct && distinctTable(section.data.distinct),
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** bench/errors/distinct-storm.mjs: a full delivery queue must not make each dropped report cost a build. */
function distinctTable(distinct) {
  const { cpuMs, ratio, errors, reports, lost } = distinct
  return [
    `Distinct storm: a fresh process throws ${errors.toLocaleString('en-US')} errors with distinct messages, 1000 per macrotask, with \`serverUrl\` on a closed local port, so the delivery queue is full after its first 100 reports and every later report is dropped (${reports} built, ${lost.toLocaleString('en-US')} counted as lost, unbuilt). Process CPU time (user + system) until the last capture is taken off the queue (both builds load \`node:http\`/\`node:https\` first: the first report pays that once, not the storm); ${ratio.rounds} interleaved rounds.`,
    table(
      ['build', 'CPU ms (median, min–max)', 'vs plain'],
      [
        ['plain', `${fixed(cpuMs.plain.median, 0)} (${fixed(cpuMs.plain.min, 0)}–${fixed(cpuMs.plain.max, 0)})`, '1.00x'],
        ['woven', `${fixed(cpuMs.woven.median, 0)} (${fixed(cpuMs.woven.min, 0)}–${fixed(cpuMs.woven.max, 0)})`, spread(ratio)],
      ],
    ),
  ].join('\n\n')
}

/** The rounds the ratios of these modes were measured over (failed modes have none). */
function roundsRun(modeSets) {
  const counts = modeSets.flatMap((modes) => Object.values(modes).flatMap((r) => (r.ratio ? [r.ratio.rounds] : [])))
  const [least, most] = [Math.min(...counts), Math.max(...counts)]
  return least === most ? `${least}` : `${least}–${most}`
}

function buildSection(section) {
  const { bundlers, throughput, files, profiles, typescriptLoadMs } = section.data
  const cell = (r) => (r.failed ? `failed: ${r.failed.replace(/\|/g, '/')}` : `${spread(r.ratio)} ${fixed(r.ms, 0)} ms`)
  /** One row per bundler: its plain build, then a cell per mode. */
  const rows = (modes) => Object.entries(bundlers).map(([name, m]) => [name, m.plain.failed ? 'failed' : `${fixed(m.plain.ms, 0)} ms`, ...modes.map((mode) => cell(m[mode]))])
  return [
    '## Build',
    caption(section),
    `A generated project of ${files} TypeScript files (\`bench/build/generate.mjs\`), built cold (a fresh process per build, loading the bundler and the plugin included), production mode, minified, no source maps. **annotated** = 10% of functions annotated, one in every file; **clustered** = 10% of functions annotated, all in one file of ten (class-level decorator); **monitorAll** = every function. These start with no weave cache (a first build, or a fresh clone); **rebuilt** = the same build again over the weave cache the build before it left in \`node_modules/.cache/errorweave\` (nothing edited). ${roundsRun(Object.values(bundlers))} interleaved rounds; median ratio against the plain build in the same round (min–max), then the median time.`,
    table(
      ['bundler', 'plain', 'annotated 10% (spread)', 'annotated 10% (clustered)', 'monitorAll', 'spread, rebuilt', 'monitorAll, rebuilt'],
      rows(['annotated', 'clustered', 'monitorAll', 'annotatedRebuild', 'monitorAllRebuild']),
    ),
    'Floors: what any build-time weaver in a JavaScript plugin pays before weaving anything, measured with plugins built as ours are (a plain plugin object for Vite, Rollup and Rolldown, unplugin for esbuild and webpack), with the same filter and file test (`bench/build/floor-plugins.mjs`). **hook** takes every annotated file and returns nothing: the cost of handing each file to JavaScript. **replay** returns our woven text, read from a file written before the build: the cost of building our output, without our weaving. **parse + replay** first parses each file as we do, with `oxc-parser` (native, the fastest parser on npm): the least a weaver that reads the code it weaves pays. A target below a floor cannot be met by weaving in a plugin.',
    table(
      ['bundler', 'plain', 'hook', 'replay of annotated (spread)', 'parse + replay of annotated (spread)', 'parse + replay of annotated (clustered)', 'replay of monitorAll'],
      rows(['hookFloor', 'replayAnnotated', 'parseAnnotated', 'parseClustered', 'replayMonitorAll']),
    ),
    'Transform throughput: `weaveFile` (the pipeline every bundler entry runs) over every file, in MB/s of source: cold first file = loading the plugin, then weaving the first file that needs it (oxc-parser loads then) in a fresh process; cold = the first pass; warm = median of 7 passes after 5 unmeasured ones (once the JIT has settled); then the warm phases on their own, each over every file: the parse by oxc-parser (with raw transfer, and without), the analysis of those parses, the splice with its source map.',
    table(
      ...throughputTable(throughput),
    ),
    profiles && 'Where the time goes: one cold Vite build of each kind under the V8 CPU profiler (`bench/build/profile.mjs`), inclusive ms of these frames (the profiler slows the build down).',
    typescriptLoadMs &&
      `Loading the parser alone in a fresh process: oxc-parser ${fixed(typescriptLoadMs.parser, 0)} ms as the plugin does it; TypeScript (which only the tsconfig entry uses, from the project) ${fixed(typescriptLoadMs.import, 0)} ms by \`import\`, ${fixed(typescriptLoadMs.require, 0)} ms by \`createRequire\`.`,
    profiles &&
      table(
        ['frame', ...profiles.map((p) => `${p.bundler} ${p.setting} (${fixed(p.ms, 0)} ms)`)],
        Object.keys(profiles[0].frames).map((frame) => [frame, ...profiles.map((p) => fixed(p.frames[frame], 0))]),
      ),
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** The header and rows of a transform throughput table (bench/build/throughput.mjs). */
function throughputTable(throughput) {
  return [
    ['project', 'MB', 'woven functions', 'plugin load ms', 'cold first file ms', 'cold MB/s', 'warm MB/s', 'oxc parse MB/s', 'oxc parse without raw transfer', 'analyze MB/s', 'splice + map MB/s'],
    Object.entries(throughput).map(([mode, t]) => [
      mode,
      fixed(t.megabytes, 2),
      t.wovenFunctions,
      fixed(t.pluginLoadMs, 0),
      fixed(t.coldFirstFileMs, 0),
      fixed(t.coldMBps),
      fixed(t.warmMBps),
      fixed(t.phases.parseMBps),
      fixed(t.phases.parseWithoutRawTransferMBps),
      fixed(t.phases.analyzeMBps),
      fixed(t.phases.emitMBps),
    ]),
  ]
}

const HONO_MODES = {
  monitorAll: 'errorweave, `monitorAll`',
  annotated: 'errorweave, 10% of files annotated',
  replayAll: 'floor: replay of `monitorAll`',
  parseAll: 'floor: parse + replay of `monitorAll`',
  replayAnnotated: 'floor: replay of 10% annotated',
  parseAnnotated: 'floor: parse + replay of 10% annotated',
  datadog: "Datadog's live debugger (`@datadog/vite-plugin`, `liveDebugger`)",
  istanbul: 'istanbul coverage (`vite-plugin-istanbul`)',
}

function honoSection(section) {
  const { version, files, runs, bytes } = section.data
  const parts = bytes.monitorAll.parts
  return [
    '## A real project: hono',
    caption(section, runs.map((run) => run.node).join(' and ')),
    `hono ${version} from the npm registry (\`bench/hono/project.mjs\`, fetched into \`.tmp\` by the bench, never committed). No npm package ships hono's TypeScript sources, so the project is its published ESM JavaScript: ${files} files. A Vite 8 library build of the entries hono's package exports, cold (a fresh process per build, no weave cache), production, minified, no source maps (istanbul turns them on for itself). **10% of files annotated**: every tenth file gets \`@ErrorMonitor\` in the JSDoc of each top-level function and class. The floors are the plugins of the build section (\`bench/build/floor-plugins.mjs\`) on the same files: **replay** returns our woven text read from a file, **parse + replay** parses each file with oxc-parser first. The peers rewrite every function at build time, as \`monitorAll\` does; Datadog's rewrite breaks the syntax of two files (\`jsx/base.js\`, \`jsx/dom/render.js\`), which it is told to leave out. ${roundsRun(runs.map((run) => run.builds))} interleaved rounds; median ratio against the plain build of the same round, with min–max and the interval of the median the verdicts rest on. Everything runs on each Node. oxc-parser hands its tree over through shared memory (raw transfer), but a JavaScript tree on Node 20 by JSON until a process has parsed 1 MB of source: hono's builds (0.43 MB of JavaScript) parse over JSON on Node 20 and over raw transfer on Node 24; the warm throughput passes go over raw transfer on both.`,
    ...runs.flatMap(({ node, builds, throughput }) => [
      `### Node ${node}`,
      table(
        ['build', 'median ms', 'vs plain', 'interval of the median'],
        Object.entries(builds).map(([mode, r]) => {
          if (r.failed) return [HONO_MODES[mode] ?? mode, `failed: ${r.failed.replace(/\|/g, '/')}`, '', '']
          if (!r.ratio) return ['plain', fixed(r.ms, 0), '1.00x', '']
          return [HONO_MODES[mode], fixed(r.ms, 0), spread(r.ratio), `${r.ratio.low.toFixed(2)}–${r.ratio.high.toFixed(2)} at ${Math.floor(r.ratio.confidence * 100)}%`]
        }),
      ),
      'Transform throughput on the same sources (`bench/build/throughput.mjs`, as for the generated project; cold first file = loading the plugin, then weaving the first file it weaves, in a fresh process).',
      table(...throughputTable(throughput)),
    ]),
    'Bytes the weave adds per woven function (`bench/hono/bytes.mjs`): every module bundled into one file by esbuild as in the size section, `errorweave` and Node\'s modules external, woven minus plain, min+gzip, divided by the woven functions. Then, for `monitorAll`, where those bytes go: what taking each part out of the woven text saves.',
    table(
      ['setup', 'woven functions', 'plain gzip', 'woven gzip', 'gzip bytes per woven function'],
      Object.entries(bytes).map(([setup, r]) => [setup, r.functions, kb(r.plainGzipBytes), kb(r.wovenGzipBytes), fixed(r.gzipBytesPerFunction)]),
    ),
    table(
      ['part (monitorAll)', 'gzip bytes per woven function'],
      Object.entries(parts).map(([part, perFunction]) => [part, fixed(perFunction)]),
    ),
  ].join('\n\n')
}

function sizeSection(section) {
  const { runtime, peers, perFunction, install } = section.data
  return [
    '## Size',
    caption(section),
    'Each setup bundled by esbuild the same way: bundle, minify, ESM, platform browser, target es2020; gzip level 9. errorweave = `bench/size/entries/app.ts` (configure with an HTTPS `serverUrl` + one woven function) woven by the plugin, minus the same app with `errorweave` external. Peers: the entries in `bench/size/entries/`.',
    table(
      ['setup', 'version', 'min', 'min+gzip', 'errorweave is'],
      [
        ['errorweave runtime', 'this repo', kb(runtime.minBytes), kb(runtime.gzipBytes), ''],
        ...Object.entries(peers).map(([name, p]) => [name, p.version, kb(p.minBytes), kb(p.gzipBytes), `${(runtime.gzipBytes / p.gzipBytes).toFixed(2)} of it`]),
      ],
    ),
    `Runtime modules in that bundle (minified bytes): ${runtime.modules.map((m) => `${m.module} ${m.bytes}`).join(', ')}.`,
    runtime.textlessGzipBytes &&
      `The same runtime with the text of every string, template and regular expression emptied (messages, masking patterns, quoted keys; property names stay, as minified code keeps them): ${kb(runtime.textlessGzipBytes)} min+gzip. That is what the logic alone weighs: no trimming of texts can take the runtime below it.`,
    'Bytes the weave adds per woven function: the generated project bundled the same way with `errorweave` external, woven minus plain, min+gzip, divided by the woven functions (their table rows and per-file headers included).',
    table(
      ['setup', 'woven functions', 'plain gzip', 'woven gzip', 'gzip bytes per woven function'],
      Object.entries(perFunction).map(([setup, r]) =>
        r.failed ? [setup, r.functions, '', '', `failed: ${r.failed}`] : [setup, r.functions, kb(r.plainGzipBytes), kb(r.wovenGzipBytes), fixed(r.gzipBytesPerFunction)],
      ),
    ),
    install &&
      `What an app installs to run woven code (\`bench/size/install.mjs\`): this repo packed by \`npm pack\` (${kb(install.tarballBytes)}), installed from the tarball into an empty project with \`npm install --omit=dev\`: ${mb(install.installedBytes)} in ${install.packages.length} packages (bytes of the files), the largest ${install.packages
        .slice(0, 4)
        .map((p) => `${p.name} ${mb(p.bytes)}`)
        .join(', ')}.`,
  ]
    .filter(Boolean)
    .join('\n\n')
}

const IMPORT_ROWS = {
  import: "`import('errorweave')`",
  firstWovenModule: 'the first woven module loads (`table()`: settings, global handlers, endings)',
  eagerHttp: "`import('errorweave')` with `node:http` and `node:https` loaded up front (as before they loaded lazily)",
}

function importSection(section) {
  const { rounds, ms, addedMs } = section.data
  return [
    '## Import cost',
    caption(section),
    `A fresh \`node --input-type=module -e <script>\` per sample; its CPU time (user + system, from its start to the script's end; wall time on this shared machine is mostly other processes), ${rounds} interleaved rounds; added = the variant minus a bare \`node -e 0\` of the same round (median, min–max). Test runners that start a process per test file pay this once per file.`,
    table(
      ['script', 'CPU ms per process', 'added CPU ms'],
      [
        ['bare `node -e 0`', fixed(ms.bare.median), ''],
        ...Object.entries(IMPORT_ROWS).map(([variant, label]) => [label, fixed(ms[variant].median), `${fixed(addedMs[variant].median)} (${fixed(addedMs[variant].min)}–${fixed(addedMs[variant].max)})`]),
      ],
    ),
  ].join('\n\n')
}

export function renderMarkdown(results) {
  const { sections } = results
  const shown = { met: 'met', 'not met': '**not met**', unclear: 'unclear: the interval spans the bound' }
  const rows = targets(results).map(([target, figure, floor, result]) => [target, figure, floor, shown[result]])
  return `${[
    '# Benchmarks',
    'Written by `npm run bench` (`npm run build && node bench/run.mjs`; `node bench/run.mjs happy size` reruns only those sections; `npm run bench:quick` runs every section with fewer rounds, for a look, not for verdicts). Raw figures: `bench/results.json`. Every ratio is against a baseline measured in the same process run: the median of interleaved rounds, with min–max. A target\'s verdict rests on the interval of that median (the k-th smallest to the k-th largest round, which holds the true median with the confidence given, whatever the distribution; `bench/lib/stats.mjs`): met or not met only when the whole interval is on one side of the bound, else unclear. The machine is shared and its load is given with each table: read the medians, not the extremes. Knobs: `BENCH_ROUNDS` and `BENCH_SAMPLE_MS` (happy path), `BENCH_ERROR_ROUNDS`, `BENCH_BUILD_ROUNDS`, `BENCH_HONO_ROUNDS`, `BENCH_QUICK`, and `BENCH_DIST` to measure another runtime build than `dist/`. Node 24 for the happy path: `npm i --prefix .tmp/node24 node@24`.',
    '## Targets',
    'The floor is measured in the same run: the part of the cost that the guarantee itself needs, or that any build-time weaver in a JavaScript plugin pays (the tables below say how each is measured). A target below its floor cannot be met by tuning this design.',
    table(['target', 'measured', 'floor', ''], rows),
    sections.happy && happySection(sections.happy),
    sections.errors && errorSection(sections.errors),
    sections.build && buildSection(sections.build),
    sections.size && sizeSection(sections.size),
    sections.imports && importSection(sections.imports),
    sections.collector && collectorSection(sections.collector),
    sections.hono && honoSection(sections.hono),
  ]
    .filter(Boolean)
    .join('\n\n')}\n`
}
