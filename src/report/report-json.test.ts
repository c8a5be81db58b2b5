// report.json: keys in the contract's order whatever order the report was built in, points on one line, numbers
// as JavaScript prints them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportJson } from './report-json.ts';
import type { RunReport } from './run-report.ts';

test('keys come in a fixed order, unknown keys last in alphabetical order', () => {
  const built = {
    usage: {
      hosts: [],
      links: [
        {
          points: [
            [0, 1.5],
            [2, 0],
          ],
          capacity: 10,
          name: 'l1',
        },
      ],
    },
    zExtra: true,
    aExtra: { z: 1, a: 2 },
    timeline: [],
    stepErrors: [],
    log: [{ message: 'hi', host: 'h', actor: 'a', time: 0.1 }],
    hosts: [{ energyJ: 1e21, name: 'h' }],
    vms: [],
    migrations: [],
    endTime: 2,
  } as unknown as RunReport;
  const text = reportJson(built);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), [
    'endTime',
    'migrations',
    'vms',
    'hosts',
    'stepErrors',
    'timeline',
    'usage',
    'log',
    'aExtra',
    'zExtra',
  ]);
  assert.deepEqual(Object.keys(parsed.aExtra as object), ['a', 'z']);
  assert.match(text, /"points": \[\n\s+\[0, 1\.5\],\n\s+\[2, 0\]\n\s+\]/);
  assert.match(text, /"name": "l1",\n\s+"capacity": 10,/);
  assert.match(text, /"time": 0\.1,\n\s+"actor": "a",\n\s+"host": "h",\n\s+"message": "hi"/);
  assert.match(text, /"energyJ": 1e\+21/);
  assert.ok(text.endsWith('}\n'));
});

test('numbers that JSON cannot hold are written as null', () => {
  const text = reportJson({
    endTime: Number.POSITIVE_INFINITY,
    migrations: [],
    vms: [],
    hosts: [],
    log: [],
    stepErrors: [],
    timeline: [],
    usage: { links: [], hosts: [] },
  });
  assert.match(text, /"endTime": null/);
});
