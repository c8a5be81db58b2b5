import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError, type Issue } from './errors.ts';
import {
  formatBandwidth,
  formatBytes,
  formatFlops,
  formatSeconds,
  parseBandwidth,
  parseSize,
  parseSpeed,
  parseSpeeds,
  parseTime,
} from './units.ts';

function issueOf(run: () => unknown): Issue {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.issues.length, 1);
    const [issue] = error.issues;
    assert.ok(issue !== undefined);
    return issue;
  }
  assert.fail('expected the parser to throw');
}

test('values come out as the very doubles SimGrid 3.32 computes (printed by SimGrid with %.17g)', () => {
  // small_platform.xml as loaded by SimGrid: link 8 is 8157999.9999999991 B/s, its latency 0.00027054399999999995 s.
  assert.equal(parseBandwidth('8.158MBps'), 8157999.9999999991);
  assert.equal(parseTime('270.544us'), 0.00027054399999999995);
  assert.equal(parseBandwidth('41.279125MBps'), 41279125);
  assert.equal(parseTime('278.066us'), 0.00027806599999999994);
  assert.equal(parseTime('29.5890617ms'), 0.029589061699999999);
  assert.equal(parseSpeed('98.095Mf'), 98095000);
  assert.equal(parseBandwidth('1.25GBps'), 1.25e9);
  assert.equal(parseTime('50us'), 4.9999999999999996e-5);
});

test('speeds accept f and flops with decimal prefixes, and comma lists per pstate', () => {
  assert.equal(parseSpeed('1Gf'), 1e9);
  assert.equal(parseSpeed('2kf'), 2000);
  assert.equal(parseSpeed('3megaflops'), 3e6);
  assert.equal(parseSpeed('1Yf'), 1 * 1000 * 1000 * 1000 * 1000 * 1000 * 1000 * 1000 * 1000);
  assert.deepEqual(parseSpeeds('100.0Mf, 50.0Mf,20.0Mf'), [100e6, 50e6, 20e6]);
  assert.equal(parseSpeed('1Gflops'), 1e9, 'extended syntax accepts Gflops');
  assert.equal(issueOf(() => parseSpeed('1Gflops', { syntax: 'simgrid' })).code, 'unknown-unit');
});

test('bandwidths accept bytes and bits, decimal and binary prefixes, and the scenario spellings', () => {
  assert.equal(parseBandwidth('10Gbps'), 10 * 0.125e9);
  assert.equal(parseBandwidth('1KiBps'), 1024);
  assert.equal(parseBandwidth('1Kibps'), 128);
  assert.equal(parseBandwidth('100MiB/s'), 100 * 1024 * 1024);
  assert.equal(parseBandwidth('1GB/s'), 1e9);
  assert.equal(parseBandwidth('10Gbit/s'), 1.25e9);
  assert.equal(parseBandwidth('10 Gbps'), 1.25e9, 'extended syntax tolerates a blank before the unit');
  assert.equal(parseBandwidth(125e6), 125e6, 'numbers are already in bytes per second');
});

test('times accept w, d, h, m, s, ms, us, ns and ps', () => {
  assert.equal(parseTime('1w'), 604800);
  assert.equal(parseTime('2d'), 172800);
  assert.equal(parseTime('1h'), 3600);
  assert.equal(parseTime('1m'), 60);
  assert.equal(parseTime('1.5s'), 1.5);
  assert.equal(parseTime('3ms'), 3e-3);
  assert.equal(parseTime('7ns'), 7 * 1e-9, 'value × factor, as SimGrid computes it (not the literal 7e-9)');
  assert.equal(parseTime('7ps'), 7e-12);
});

test('sizes accept B and b with decimal and binary prefixes, and bare byte counts', () => {
  assert.equal(parseSize('1GiB'), 1073741824);
  assert.equal(parseSize('100MB'), 1e8);
  assert.equal(parseSize('1e9'), 1e9);
  assert.equal(parseSize('1024'), 1024);
  assert.equal(parseSize('8b'), 1);
  assert.equal(parseSize('1KiB'), 1024);
  assert.equal(parseSize('0'), 0);
});

test('a unit-less non-zero value warns by default, and can be accepted silently or rejected', () => {
  const warnings: Issue[] = [];
  assert.equal(parseTime('0.5', { onWarning: (issue) => warnings.push(issue), what: 'latency of link "l1"' }), 0.5);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.code, 'unitless-value');
  assert.match(warnings[0]?.message ?? '', /latency of link "l1"/);
  assert.equal(parseTime('0', { onWarning: (issue) => warnings.push(issue) }), 0);
  assert.equal(warnings.length, 1, 'zero needs no unit');
  assert.equal(parseSize('10', { unitless: 'accept', onWarning: (issue) => warnings.push(issue) }), 10);
  assert.equal(warnings.length, 1);
  const issue = issueOf(() => parseSize('1024', { unitless: 'reject', path: 'vms[0].ram' }));
  assert.equal(issue.code, 'missing-unit');
  assert.equal(issue.path, 'vms[0].ram');
});

test('errors name the value, what it is for, the accepted units and an example', () => {
  const location = { file: 'p.xml', line: 3, col: 5 };
  const issue = issueOf(() => parseBandwidth('12MB', { what: 'bandwidth of link "l1"', location }));
  assert.equal(issue.code, 'unknown-unit');
  assert.equal(issue.message, 'Invalid bandwidth of link "l1" = "12MB": unknown unit "MB".');
  assert.match(issue.hint ?? '', /Did you mean "MBps"/);
  assert.match(issue.hint ?? '', /for example "125MBps"/);
  assert.deepEqual(issue.location, location);
  assert.equal(issueOf(() => parseSpeed('fast')).code, 'invalid-number');
  assert.equal(issueOf(() => parseSpeed('')).code, 'invalid-number');
  assert.equal(issueOf(() => parseTime('-1s')).code, 'negative-value');
  assert.equal(issueOf(() => parseTime(-1)).code, 'negative-value');
  assert.equal(issueOf(() => parseTime('1e999s')).code, 'value-out-of-range');
  assert.equal(issueOf(() => parseTime('infs')).code, 'invalid-number');
  assert.equal(issueOf(() => parseTime(Number.NaN)).code, 'invalid-number');
});

test("SimGrid's syntax rejects blanks and scenario spellings with a hint saying how SimGrid writes them", () => {
  const blank = issueOf(() => parseBandwidth('10 Gbps', { syntax: 'simgrid' }));
  assert.match(blank.hint ?? '', /"10Gbps"/);
  const scenario = issueOf(() => parseBandwidth('1GB/s', { syntax: 'simgrid' }));
  assert.match(scenario.message, /do not accept the unit "GB\/s"/);
  assert.equal(
    parseBandwidth('1Ebps', { syntax: 'simgrid' }),
    0.125 * 1e18,
    'E after digits is a prefix, not an exponent',
  );
});

test('formatters print short values that parse back', () => {
  assert.equal(formatBytes(1073741824), '1GiB');
  assert.equal(formatBytes(1e8), '100MB');
  assert.equal(formatBytes(1500), '1.5kB');
  assert.equal(formatBandwidth(1.25e9), '1.25GBps');
  assert.equal(formatBandwidth(131072000), '125MiBps');
  assert.equal(formatFlops(98.095e6), '98.095Mf');
  assert.equal(formatSeconds(50e-6), '50us');
  assert.equal(formatSeconds(0.001976025), '1.97603ms');
  assert.equal(formatSeconds(132.765801), '132.766s');
  assert.equal(formatSeconds(0), '0s');
  for (const bytes of [1073741824, 1e8, 1500]) assert.equal(parseSize(formatBytes(bytes)), bytes);
  assert.equal(parseBandwidth(formatBandwidth(131072000)), 131072000);
  assert.equal(formatSeconds(parseTime('50us')), '50us');
});
