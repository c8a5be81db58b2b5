// migrations.csv and rounds.csv: header, one line per migration or round, `%.9f` times, quoting, empty cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATION_COLUMNS, migrationsCsv, ROUND_COLUMNS, roundsCsv } from './report-csv.ts';
import type { RunReport } from './run-report.ts';

const report: RunReport = {
  endTime: 20,
  migrations: [
    {
      id: 1,
      vm: 'web,1',
      from: 'a',
      to: 'b',
      algorithm: 'simgrid-precopy',
      start: 1,
      end: 11.5,
      durationSec: 10.5,
      downtimeSec: 0.0257080852,
      bytesSent: 1073741824,
      rounds: [
        { stage: 1, index: 0, start: 1, end: 11.4, bytes: 1073741824, bandwidth: 8e7 / 0.7, threshold: 187030 },
        { stage: 3, index: 0, start: 11.4, end: 11.5, bytes: 0, bandwidth: 0 },
      ],
      outcome: 'completed',
    },
    {
      id: 2,
      vm: 'db',
      from: 'a',
      to: 'c',
      algorithm: 'simgrid-precopy',
      start: 2,
      bytesSent: 12.5,
      rounds: [],
      outcome: 'running',
      error: 'said "no"\nthen stopped',
    },
  ],
  vms: [],
  hosts: [],
  log: [],
  stepErrors: [],
  timeline: [],
  usage: { links: [], hosts: [] },
};

test('migrations.csv has a header and one line per migration, absent values as empty cells', () => {
  const lines = migrationsCsv(report).split('\n');
  assert.equal(lines[0], MIGRATION_COLUMNS.join(','));
  assert.equal(
    lines[1],
    '1,"web,1",a,b,simgrid-precopy,completed,1.000000000,11.500000000,10.500000000,0.025708085,1073741824,2,',
  );
  assert.equal(lines[2], '2,db,a,c,simgrid-precopy,running,2.000000000,,,,12.500000000,0,"said ""no""');
  assert.equal(lines[3], 'then stopped"');
  assert.equal(lines[4], '');
});

test('rounds.csv has one line per round with its duration and measured bandwidth', () => {
  assert.equal(
    roundsCsv(report),
    [
      ROUND_COLUMNS.join(','),
      '1,"web,1",1,0,1.000000000,11.400000000,10.400000000,1073741824,114285714.285714298,187030',
      '1,"web,1",3,0,11.400000000,11.500000000,0.100000000,0,0.000000000,',
      '',
    ].join('\n'),
  );
});
