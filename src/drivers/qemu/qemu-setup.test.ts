// How QEMU is set up, without running it: version parsing, the RAM workaround, the KVM verdict, the command line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError } from '../../core/index.ts';
import { chooseAccelerator, judgeKvm } from './accelerator.ts';
import { qemuArguments } from './command-line.ts';
import { parseQemuVersion } from './find-qemu.ts';
import { qemuRamSize } from './ram-size.ts';

const QEMU_7_2 = { major: 7, minor: 2, micro: 22 };
const MIB = 1024 * 1024;

test('the QEMU version is read from the first line of -version', () => {
  const text = 'QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)';
  assert.deepEqual(parseQemuVersion(text), QEMU_7_2);
  assert.deepEqual(parseQemuVersion('QEMU emulator version 9.0.0'), { major: 9, minor: 0, micro: 0 });
  assert.equal(parseQemuVersion('something else'), undefined);
});

test('under TCG before QEMU 9.0 a RAM size that is a multiple of 256 KiB gets 4 KiB more', () => {
  // 512 MiB = 2048 × 256 KiB: the buggy fast path; 512 MiB + 4 KiB = 524292 KiB is the lab's verified workaround.
  const ram = qemuRamSize(512 * MIB, QEMU_7_2, 'tcg');
  assert.equal(ram.argument, '524292k');
  assert.equal(ram.bytes, 512 * MIB + 4096);
  assert.match(ram.workaround ?? '', /03bfc2188f/);
  assert.equal(qemuRamSize(512 * MIB + 4096, QEMU_7_2, 'tcg').workaround, undefined); // already off the fast path
  assert.equal(qemuRamSize(512 * MIB, { major: 9, minor: 0, micro: 0 }, 'tcg').argument, '524288k'); // fixed there
  assert.equal(qemuRamSize(512 * MIB, QEMU_7_2, 'kvm').argument, '524288k'); // KVM tracks dirty pages itself
  assert.throws(() => qemuRamSize(1000, QEMU_7_2, 'tcg'), /multiple of 4 KiB/);
});

test('KVM is used only with hardware virtualisation, and kvm_pvm without vmx/svm is explained', () => {
  const pvm = judgeKvm({ device: 'ok', cpuFlags: ['fpu', 'hypervisor'], pvmModule: true });
  assert.equal(pvm.usable, false);
  assert.match(pvm.reason, /kvm_pvm.*MSR 0x10a/);
  assert.equal(judgeKvm({ device: 'missing', cpuFlags: ['vmx'], pvmModule: false }).usable, false);
  assert.match(judgeKvm({ device: 'no-access', cpuFlags: ['vmx'], pvmModule: false }).reason, /kvm group/);
  const good = judgeKvm({ device: 'ok', cpuFlags: ['svm'], pvmModule: false });
  assert.equal(good.usable, true);
  assert.equal(chooseAccelerator('auto', good).accel, 'kvm');
  assert.equal(chooseAccelerator('tcg', good).accel, 'tcg');
  const auto = chooseAccelerator('auto', pvm);
  assert.equal(auto.accel, 'tcg');
  assert.match(auto.reason, /KVM is not usable: \/dev\/kvm comes from kvm_pvm/);
  assert.throws(
    () => chooseAccelerator('kvm', pvm),
    (error) => isLivemigError(error, 'driver-failure') && /Use accel 'tcg'/.test(error.message),
  );
});

test('a destination waits with -incoming defer; the console is on stdio and QMP on a unix socket', () => {
  const spec = {
    name: 'destination',
    boot: { kernelPath: '/k', initrdPath: '/i', kernelArgs: 'console=ttyS0' },
    ram: qemuRamSize(256 * MIB, QEMU_7_2, 'tcg'),
    cpus: 1,
    accelerator: { accel: 'tcg' as const, reason: '' },
    qmpSocketPath: '/tmp/d/destination.qmp',
    incoming: true,
  };
  const args = qemuArguments(spec);
  const after = (flag: string) => args[args.indexOf(flag) + 1];
  assert.equal(after('-m'), '262148k');
  assert.equal(after('-accel'), 'tcg');
  assert.equal(after('-qmp'), 'unix:/tmp/d/destination.qmp,server=on,wait=off');
  assert.equal(after('-serial'), 'chardev:console');
  assert.equal(after('-incoming'), 'defer');
  assert.ok(!qemuArguments({ ...spec, incoming: false }).includes('-incoming'));
  const kvm = qemuArguments({ ...spec, accelerator: { accel: 'kvm', reason: '' } });
  assert.deepEqual(kvm.slice(kvm.indexOf('-accel'), kvm.indexOf('-accel') + 4), ['-accel', 'kvm', '-cpu', 'host']);
});
