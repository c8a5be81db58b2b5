// The comparison as a self-contained HTML page: each figure of A and B side by side, differences highlighted.

import { escapeHtml as esc } from '../../report/index.ts';
import type { Comparison } from './compare.ts';

export function comparePage(comparison: Comparison): string {
  const rows = comparison.rows.map((r) => {
    const change =
      r.change === undefined || r.change === 0 ? '' : `${r.change > 0 ? '+' : ''}${(r.change * 100).toFixed(2)} %`;
    return (
      `<tr class="${r.differs ? 'differs' : 'same'}"><td>${esc(r.item)}</td><td>${esc(r.figure)}</td>` +
      `<td>${esc(r.a)}</td><td>${esc(r.b)}</td><td>${esc(change)}</td></tr>`
    );
  });
  const differing = comparison.rows.filter((r) => r.differs).length;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>livemig compare</title>',
    `<style>body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;
font-size:13px}td,th{border:1px solid #d0d7de;padding:3px 8px}th{background:#f6f8fa}tr.differs td{background:#fff8c5}
label{font-size:13px}</style></head><body>`,
    `<h1>livemig compare (${comparison.kind})</h1>`,
    `<p>A: ${esc(comparison.a)}<br>B: ${esc(comparison.b)}<br>${differing} of ${comparison.rows.length} figures differ.</p>`,
    '<label><input type="checkbox" id="only"> only what differs</label>',
    `<table><thead><tr><th>item</th><th>figure</th><th>A</th><th>B</th><th>change</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    `<script>document.getElementById('only').addEventListener('change',function(e){document.querySelectorAll('tr.same')
.forEach(function(r){r.style.display=e.target.checked?'none':'';});});</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
