// The calendar runs timers by (date, scheduling order) whether they were sorted in bulk or heaped one by one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../core/index.ts';
import { Calendar } from './calendar.ts';

/** Drains the calendar, returning the labels in the order the timers ran. */
function drain(calendar: Calendar, fired: string[]): string[] {
  while (calendar.size > 0) calendar.runDue(calendar.nextDate());
  return fired;
}

test('equal dates run in scheduling order, below and above the bulk-sort threshold', () => {
  for (const count of [10, 5000]) {
    const calendar = new Calendar();
    const fired: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < count; i++) calendar.schedule(i % 3, () => fired.push(`t${i}`));
    for (const date of [0, 1, 2]) for (let i = date; i < count; i += 3) expected.push(`t${i}`);
    assert.deepEqual(drain(calendar, fired), expected);
  }
});

test('timers scheduled while the sorted run drains interleave with it by (date, order)', () => {
  const calendar = new Calendar();
  const fired: string[] = [];
  for (let i = 0; i < 1000; i++) calendar.schedule(i, () => fired.push(`bulk${i}`));
  calendar.schedule(0, () => {
    // Scheduled after every bulk timer: at an equal date it runs after them.
    calendar.schedule(500, () => fired.push('late500'));
    calendar.schedule(0.5, () => fired.push('late0.5'));
  });
  drain(calendar, fired);
  assert.equal(fired.indexOf('late0.5'), fired.indexOf('bulk0') + 1);
  assert.equal(fired.indexOf('late500'), fired.indexOf('bulk500') + 1);
  assert.equal(fired.length, 1002);
});

test('a cancelled timer never runs and leaves the size, in the heap and in the sorted run', () => {
  for (const count of [4, 4000]) {
    const calendar = new Calendar();
    const fired: string[] = [];
    const timers = Array.from({ length: count }, (_, i) => calendar.schedule(count - i, () => fired.push(`t${i}`)));
    assert.equal(timers[1]?.cancel(), true);
    assert.equal(timers[1]?.cancel(), false, 'cancelling twice');
    calendar.runDue(1); // the last timer (date 1) runs and the others get sorted or heaped
    assert.equal(timers[count - 1]?.cancel(), false, 'cancelling a timer that ran');
    assert.equal(timers[2]?.cancel(), true);
    assert.equal(calendar.size, count - 3);
    drain(calendar, fired);
    assert.equal(fired.length, count - 2);
    assert.ok(!fired.includes('t1') && !fired.includes('t2'));
  }
});

test('matches a reference ordering on random dates, cancels and nested scheduling', () => {
  const random = new Random(7);
  const calendar = new Calendar();
  const reference: { date: number; seq: number; id: number; cancelled: boolean }[] = [];
  const fired: number[] = [];
  let seq = 0;
  const add = (date: number): void => {
    const entry = { date, seq: seq++, id: reference.length, cancelled: false };
    reference.push(entry);
    const timer = calendar.schedule(date, () => {
      fired.push(entry.id);
      if (random.next() < 0.3) add(date + Math.floor(random.next() * 5));
    });
    if (random.next() < 0.1) {
      entry.cancelled = true;
      timer.cancel();
    }
  };
  for (let i = 0; i < 3000; i++) add(Math.floor(random.next() * 200));
  drain(calendar, []);
  const expected = reference
    .filter((e) => !e.cancelled)
    .sort((a, b) => a.date - b.date || a.seq - b.seq)
    .map((e) => e.id);
  assert.deepEqual(fired, expected);
});
