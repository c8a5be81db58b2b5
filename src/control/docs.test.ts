// docs/control-plane.md stays true: its protocol table is the one the controller runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ControlEvent, type ControlState, transition } from './protocol.ts';

const docs = readFileSync(fileURLToPath(new URL('../../docs/control-plane.md', import.meta.url)), 'utf8');

test('the protocol table of docs/control-plane.md is the table of protocol.ts', () => {
  const header = '| state (waits for) | ok | failed | timeout | source lost | destination lost |';
  const events: ControlEvent[] = ['ok', 'failed', 'timeout', 'source-lost', 'destination-lost'];
  const rows = docs
    .slice(docs.indexOf(header))
    .split('\n')
    .slice(2)
    .filter((line, i, lines) => line.startsWith('|') && lines.slice(0, i).every((l) => l.startsWith('|')));
  assert.equal(rows.length, 8);
  for (const row of rows) {
    const [state, ...cells] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/`/g, ''));
    const name = (state ?? '').split(' ')[0] as ControlState;
    events.forEach((event, i) => {
      const next = transition(name, event).to;
      assert.equal(cells[i] === '·' ? name : cells[i], next, `${name} + ${event}`);
    });
  }
});
