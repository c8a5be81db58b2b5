// VDP's timers from lldpad's default exponents (rwd = 20, rka = 20, rte = 8, 3 ECP retries), in units of 10 µs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vdpTimers } from './vdp-timers.ts';

test("lldpad's defaults give a 15.75552 s response wait and keep-alive expiry, and a 10.48576 s keep-alive", () => {
  const timers = vdpTimers();
  // ((1 + 2·3)·2^8 + 2^20) × 10 µs × 1.5 = (1792 + 1048576) × 1.5e-5 s
  assert.ok(Math.abs(timers.responseWaitSec - 15.75552) < 1e-9);
  // 1.5 × (2^20 + (2·3 + 1)·2^8) × 10 µs: the same sum
  assert.ok(Math.abs(timers.keepAliveExpirySec - 15.75552) < 1e-9);
  assert.ok(Math.abs(timers.stationKeepAliveSec - 10.48576) < 1e-9);
  // 2^20 × 10 µs: a bridge's wait for its VSI manager
  assert.ok(Math.abs(timers.resourceWaitSec - 10.48576) < 1e-9);
});

test('smaller exponents give shorter timers: a bridge with rka = 14 expires a port after 0.27264 s', () => {
  const timers = vdpTimers({ rwd: 14, rka: 14, rte: 8, retries: 3 });
  assert.ok(Math.abs(timers.keepAliveExpirySec - 1.5 * (16384 + 1792) * 1e-5) < 1e-12);
  assert.ok(Math.abs(timers.keepAliveExpirySec - 0.27264) < 1e-12);
});
