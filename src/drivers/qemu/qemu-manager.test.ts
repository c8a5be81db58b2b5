// The QEMU process manager against real QEMU: start failures, the console of a real guest, and that no QEMU and no
// temp dir outlive a run, even when a VM fails to start or livemig itself is killed. Skipped only without QEMU.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isLivemigError } from '../../core/index.ts';
import { buildLabGuest, type LabGuest } from '../lab/lab-guest.ts';
import { sleep } from '../wall-clock.ts';
import { qemuAvailable } from './find-qemu.ts';
import { QemuManager } from './qemu-manager.ts';

const skip = (await qemuAvailable()) ? false : 'qemu-system-x86_64 is not installed (bash lab/install-deps.sh)';
const root = mkdtempSync(join(tmpdir(), 'lm-'));
const MIB = 1024 * 1024;
let guest: LabGuest;

before(async () => {
  if (skip === false) guest = await buildLabGuest();
});
after(() => rmSync(root, { recursive: true, force: true }));

function boot(kernelArgs = 'console=ttyS0 panic=-1 quiet wss_mib=16 rate=0') {
  return { kernelPath: guest.kernelPath, initrdPath: guest.initrdPath, kernelArgs };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a VM that cannot start fails with what QEMU said, and stopAll leaves no process and no temp dir', {
  skip,
  timeout: 60_000,
}, async () => {
  const manager = await QemuManager.create({ tempRoot: root, accel: 'auto' });
  assert.equal(manager.accelerator.accel === 'tcg' || manager.accelerator.accel === 'kvm', true);
  try {
    const good = await manager.startVm({ name: 'good', boot: boot(), ramBytes: 128 * MIB });
    assert.equal(good.running, true);
    const bad = { ...boot(), kernelPath: join(root, 'no-such-kernel') };
    await assert.rejects(
      manager.startVm({ name: 'bad', boot: bad, ramBytes: 128 * MIB }),
      (error) =>
        isLivemigError(error, 'driver-failure') &&
        error.details.reason === 'qemu-exited' &&
        /no-such-kernel/.test(error.message),
    );
    assert.equal(manager.processes.length, 1);
  } finally {
    await manager.stopAll();
  }
  assert.equal(
    manager.processes.some((vm) => alive(vm.pid)),
    false,
  );
  assert.equal(existsSync(manager.dir), false);
});

test('the guest console of a real VM reads as lines and answers commands', { skip, timeout: 60_000 }, async () => {
  const manager = await QemuManager.create({ tempRoot: root, accel: 'tcg' });
  try {
    const vm = await manager.startVm({ name: 'console', boot: boot(), ramBytes: 128 * MIB });
    const texts: string[] = [];
    for await (const line of vm.console.lines()) {
      texts.push(line.text);
      if (line.text.startsWith('HB ')) break;
    }
    assert.ok(texts.some((text) => text.startsWith('DIRTIER start wss_mib=16')));
    const pong = vm.console.waitForLine(/^PONG$/, { timeoutMs: 10_000 });
    vm.console.send('ping');
    await pong;
    const status = await vm.qmp.execute<{ status: string }>('query-status');
    assert.equal(status.status, 'running');
  } finally {
    await manager.stopAll();
  }
});

test('a QEMU whose livemig process dies is stopped by its watchdog', { skip, timeout: 60_000 }, async () => {
  const module = fileURLToPath(new URL('./qemu-manager.ts', import.meta.url));
  const script = `
    const { QemuManager } = await import(${JSON.stringify(module)});
    const manager = await QemuManager.create({ tempRoot: ${JSON.stringify(root)}, accel: 'tcg' });
    const vm = await manager.startVm({ name: 'orphan', boot: ${JSON.stringify(boot())}, ramBytes: ${128 * MIB} });
    console.log(JSON.stringify({ pid: vm.pid, dir: manager.dir }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
  const { pid, dir } = JSON.parse(first) as { pid: number; dir: string };
  assert.equal(alive(pid), true);
  child.kill('SIGKILL');
  for (let waited = 0; alive(pid) && waited < 10_000; waited += 100) await sleep(100);
  assert.equal(alive(pid), false, `QEMU ${pid} outlived its killed livemig process`);
  rmSync(dir, { recursive: true, force: true }); // a killed livemig cannot remove its temp dir; the test does
  assert.deepEqual(
    readdirSync(root).filter((name) => name.startsWith('livemig-qemu-')),
    [],
  );
});
