// The look of report.html: a light, dense layout that prints well, with system fonts only (no download).

export const PAGE_STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --accent: #3b7dd8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "Liberation Sans", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { background: #102a43; color: #fff; padding: 18px 28px 14px; }
header h1 { margin: 0; font-size: 22px; font-weight: 600; }
header p { margin: 4px 0 0; color: #bcccdc; }
nav { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 28px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 18px; font-weight: 600; }
nav a:hover { text-decoration: underline; }
main { max-width: 1320px; margin: 0 auto; padding: 8px 20px 40px; }
section { margin-top: 22px; }
h2 { font-size: 18px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .value { font-size: 20px; font-weight: 600; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .detail { color: var(--muted); font-size: 12px; }
.card.bad .value { color: #c62828; }
figure, .table { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0 0 16px; padding: 12px 14px; }
figcaption { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; margin-bottom: 6px; }
figcaption p, .table .note, .empty { color: var(--muted); margin: 0; flex-basis: 100%; font-size: 13px; }
select, input[type=search], button { font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid #cbd2d9; border-radius: 5px; background: #fff; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: .45; }
.chart-canvas { width: 100%; }
.table-tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
.table-tools .count { color: var(--muted); font-size: 13px; margin-right: auto; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; white-space: nowrap; }
td.wrap { white-space: normal; min-width: 18em; }
th { background: #f0f4f8; position: sticky; top: 0; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
tbody tr:hover { background: #eef4fc; }
.tag { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; color: #fff; background: #7b8794; }
.tag-completed, .tag-running { background: #2e7d32; }
.tag-failed { background: #c62828; }
.tag-aborted { background: #ef6c00; }
.tag-migrating { background: #3b7dd8; }
.tag-suspended { background: #e0a526; }
.tag-created, .tag-destroyed { background: #7f8c8d; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 20px; }
@media print { nav { display: none; } figure, .table { break-inside: avoid; } }
`;
