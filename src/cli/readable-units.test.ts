// Every number livemig shows to people follows one rule (src/core/readable.ts): the terminal summary of `livemig
// run` and the text of report.html, for every bundled example scenario, are scanned for units that break it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from './io.ts';
import { main } from './main.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(repo, 'examples/scenarios');
const work = mkdtempSync(join(tmpdir(), 'livemig-units-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** What breaks the rule, each with why. */
const NUMBER = String.raw`(?<![\w#.-])\d+(?:\.\d+)?`;
const rule = (tail: string) => new RegExp(`${NUMBER}${tail}`);
const OFFENCES: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: rule(String.raw`\s?[kMGTP]B(?:ps|\/s)?\b`),
    why: 'a decimal byte prefix (kB, MB, GB…): use KiB, MiB, GiB',
  },
  { pattern: rule(String.raw`(?:[KMGTP]i)?B(?:ps|\/s)?\b`), why: 'no space between the number and its unit' },
  { pattern: rule(String.raw`\s?(?:[KMGTP]i)?Bps\b`), why: 'Bps: write B/s' },
  // Three significant digits: at most three decimals, not counting the zeros that lead a number below 1 (0.00126).
  { pattern: /(?<![\w#.-])(?:[1-9]\d*\.\d{4,}|0\.0*[1-9]\d{3,})/, why: 'more than three decimals' },
  { pattern: rule(String.raw`[eE][+-]?\d+\b`), why: 'an exponent' },
  { pattern: rule(String.raw`\s?us\b`), why: 'us: write µs' },
  { pattern: rule(String.raw`\s?k?Wh\b`), why: 'energy goes in J, kJ or MJ' },
];

function offences(texts: readonly string[], where: string): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const { pattern, why } of OFFENCES) {
      const match = pattern.exec(text);
      if (match !== null) found.push(`${where}: "${match[0]}" in "${text.slice(0, 120)}": ${why}`);
    }
  }
  return found;
}

/** The words of the page a reader sees: its static text, and the cells, notes and chart labels its script draws. */
function pageTexts(html: string): string[] {
  const data = /<script type="application\/json" id="livemig-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(data !== undefined, 'report.html holds its data block');
  const parsed = JSON.parse(data) as { tables: { id: string; rows: string[][]; columns: { label: string }[] }[] };
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  // The log table holds the actors' own lines, verbatim (SimGrid's format): not numbers livemig formats.
  walk({ ...parsed, tables: parsed.tables.filter((t) => t.id !== 'table-log' && t.id !== 'log') });
  const visible = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...visible, ...strings];
}

const names = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'platforms')
  .map((entry) => entry.name)
  .sort();

test('the rule catches what it is meant to catch', () => {
  const bad = ['64.3399GB', '1.0736GBps', '16GiB', '0B', '125MiBps', '132.765801 s', '9.23704e+08', '50us', '2 kWh'];
  for (const text of bad) assert.equal(offences([text], 'sample').length > 0, true, text);
  const good = ['16 GiB', '9.59 GiB', '119 MiB/s', '132.766 s', '1.95 ms', '23.8 kJ', '98.1 Mflop/s', 'r1-2', 'VM0'];
  assert.deepEqual(offences(good, 'sample'), []);
});

for (const name of names) {
  test(`livemig run ${name}: the summary and report.html write every number by the one rule`, async () => {
    const out = join(work, name);
    const io = memoryIo(repo);
    const code = await main(['run', join(examples, name, 'scenario.yaml'), '--out', out, '--quiet'], io);
    assert.equal(code, 0, io.stderr.join('\n'));
    const summary = io.stdout.join('\n');
    assert.match(summary, / (?:[KMGT]i)?B\b/, 'the summary shows the bytes sent');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const found = [...offences(summary.split('\n'), 'terminal'), ...offences(pageTexts(html), 'report.html')];
    assert.deepEqual(found, []);
  });
}
