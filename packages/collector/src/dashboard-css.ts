/** The dashboard's one stylesheet (served from /assets/, so the pages' CSP allows no inline style or script). */
export const DASHBOARD_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d8dee4; --soft: #f6f8fa; --accent: #6e40c9; --red: #cf222e; --orange: #bc4c00; --green: #1a7f37; --bar: #8250df;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; }
.top { display: flex; gap: 16px; align-items: baseline; padding: 10px 24px; background: #24292f; color: #fff; }
.top .muted { color: #b1bac4; }
.brand { color: #fff; font-weight: 700; font-size: 16px; letter-spacing: .2px; }
main { padding: 16px 24px 40px; max-width: 1400px; }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; padding: 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 8px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 3px; }
.filters .search { flex: 1 1 240px; }
.filters input, .filters select { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); min-width: 110px; }
button { font: inherit; padding: 5px 14px; border-radius: 6px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
.filters button { background: var(--accent); color: #fff; border-color: var(--accent); }
.filters .reset { align-self: center; }
.summary { color: var(--muted); margin: 14px 2px 8px; }
table { border-collapse: collapse; width: 100%; }
.issues th { text-align: left; font-size: 12px; font-weight: 600; color: var(--muted); padding: 6px 10px; border-bottom: 1px solid var(--line); }
.issues td { padding: 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.issues tr:hover td { background: #fbfbfc; }
.issues .title a { font-size: 15px; color: var(--fg); }
.issues .title a strong { color: var(--accent); }
.where { color: var(--muted); font-weight: 400; }
.message { margin: 2px 0 4px; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; color: var(--muted); font-size: 12px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.trend-col { width: 110px; }
.status-resolved .title, .status-ignored .title { opacity: .6; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 11.5px; line-height: 18px; background: #eaeef2; color: var(--fg); }
.badge.quiet { background: transparent; border: 1px solid var(--line); color: var(--muted); }
.badge.regression, .badge.severity-error, .badge.severity-fatal { background: #ffebe9; color: var(--red); }
.badge.severity-warn { background: #fff1e5; color: var(--orange); }
.badge.status { background: #dafbe1; color: var(--green); }
.spark .bar { fill: var(--bar); }
.spark .zero { fill: var(--line); }
.empty { padding: 40px; text-align: center; color: var(--muted); border: 1px dashed var(--line); border-radius: 8px; }
.pages { display: flex; gap: 16px; margin-top: 12px; }
.issue-head { display: flex; justify-content: space-between; gap: 20px; align-items: flex-start; border-bottom: 1px solid var(--line); padding-bottom: 12px; }
.issue-head h1 { margin: 4px 0; font-size: 20px; }
.issue-head .type { color: var(--red); }
.issue-head .message { font-size: 15px; overflow-wrap: anywhere; }
.location { background: var(--soft); padding: 1px 6px; border-radius: 4px; }
.actions { display: flex; gap: 8px; }
.action-resolved { background: var(--green); color: #fff; border-color: var(--green); }
.stats { display: flex; flex-wrap: wrap; gap: 28px; padding: 12px 0; border-bottom: 1px solid var(--line); align-items: flex-end; }
.stats div { display: flex; flex-direction: column; }
.stats .label { font-size: 12px; color: var(--muted); }
.stats .value { font-size: 18px; font-weight: 600; }
.notice { background: #fff8c5; border: 1px solid #d4a72c66; padding: 6px 10px; border-radius: 6px; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 28px; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
section h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); margin: 22px 0 8px; }
section h3 { font-size: 12px; color: var(--muted); margin: 10px 0 4px; }
.path, .next { margin: 0; padding-left: 22px; }
.path li, .next li { padding: 4px 0; }
.path .fn { font-weight: 600; }
.path .thrown .fn { color: var(--red); }
.role { margin-left: 8px; font-size: 11.5px; color: var(--muted); }
.request-line code { font-size: 13px; }
.kv th { text-align: left; font-weight: 500; color: var(--muted); padding: 3px 12px 3px 0; width: 35%; vertical-align: top; overflow-wrap: anywhere; }
.kv td { padding: 3px 0; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.occurrences th { text-align: left; font-size: 12px; color: var(--muted); padding: 4px 8px; border-bottom: 1px solid var(--line); }
.occurrences td { padding: 4px 8px; border-bottom: 1px solid var(--line); }
.occurrences .shown td { background: #f5f0ff; }
.users { margin: 0; padding-left: 18px; }
.small { font-size: 11px; overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--muted); }
`
