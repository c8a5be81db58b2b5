// The guest console over plain streams: lines with CRLF, listeners, the async iterator, waiting, and closing.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { isLivemigError } from '../../core/index.ts';
import { GuestConsole } from './guest-console.ts';

const dir = mkdtempSync(join(tmpdir(), 'livemig-console-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let time = 0;
const clock = { nowSec: () => time, epochMs: () => 0, sleep: async () => {} };

function console_(name: string) {
  const fromGuest = new PassThrough();
  const toGuest = new PassThrough();
  const guest = new GuestConsole(name, fromGuest, toGuest, join(dir, `${name}.log`), clock, 0);
  return { fromGuest, toGuest, guest };
}

test('lines are split across chunks, stripped of CR, stamped, logged and iterable', async () => {
  const { fromGuest, toGuest, guest } = console_('a');
  const seen: string[] = [];
  guest.onLine((line) => seen.push(line.text));
  const iterated: string[] = [];
  const iterating = (async () => {
    for await (const line of guest.lines()) {
      iterated.push(line.text);
      if (line.text.startsWith('HB')) break;
    }
  })();
  time = 1.5;
  fromGuest.write('READY fill_ms=3\r\nHB t=1');
  fromGuest.write('.0 sweep=1\r\n');
  await iterating;
  assert.deepEqual(seen, ['READY fill_ms=3', 'HB t=1.0 sweep=1']);
  assert.deepEqual(iterated, seen);
  assert.equal(guest.recentLines[0]?.atSec, 1.5);
  guest.send('verify');
  assert.equal(toGuest.read()?.toString(), 'verify\n');
  fromGuest.end();
  await guest.close();
  assert.match(
    readFileSync(join(dir, 'a.log'), 'utf8'),
    /^1\.500 READY fill_ms=3\n1\.500 HB t=1\.0 sweep=1\n1\.500 > verify\n$/,
  );
});

test('waiting for a line times out, or fails at once when the console closes first', async () => {
  const { fromGuest, guest } = console_('b');
  await assert.rejects(guest.waitForLine(/^VERIFY/, { timeoutMs: 20, what: 'verdict' }), /No verdict on the b console/);
  const waiting = guest.waitForLine(/^VERIFY/, { timeoutMs: 5000, what: 'verdict' });
  fromGuest.write('Kernel panic - not syncing\n');
  fromGuest.end();
  await assert.rejects(
    waiting,
    (error) => isLivemigError(error, 'driver-failure') && /Kernel panic/.test(error.message),
  );
  assert.throws(() => guest.send('verify'), /QEMU has exited/);
  const lines = [];
  for await (const line of guest.lines()) lines.push(line);
  assert.deepEqual(lines, []); // an ended console iterates nothing
  await guest.close();
});
