// Failures at every step of a phased migration: for each phase × component × algorithm, one failure is injected
// when the phase starts, the simulation runs to its end, and the invariant is checked. The VM ends running on
// exactly one host — the destination if the migration completed — or it is lost, and only with a host it depended on
// (its source before the commit point, its destination after) or, in post-copy, with the memory still on the source;
// its ports are associated on its host only; nothing stays reserved; a failure names its phase and why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControlFault, PhaseName, Simulation } from '../src/index.ts';
import { FEATURES, type PhasedRun, runPhased } from './phased-fixture.ts';

const PHASES: readonly PhaseName[] = ['begin', 'prepare', 'perform', 'finish', 'confirm'];
const ALGORITHMS = ['precopy', 'mplm', 'postcopy', 'simgrid-precopy'] as const;

type Component = 'source' | 'destination' | 'controller' | 'bridge' | 'database' | 'link' | 'message' | 'timer';
const COMPONENTS: readonly Component[] = [
  'source',
  'destination',
  'controller',
  'bridge',
  'database',
  'link',
  'message',
  'timer',
];

/** The message lost in each phase: one the phase cannot do without. */
const LOST: Record<PhaseName, string> = {
  begin: 'rpc.begin.reply',
  prepare: 'vdp.pre-associate',
  perform: 'rpc.perform.started',
  finish: 'vdp.associate',
  confirm: 'vdp.de-associate',
};

/** The timer that expires in each phase, by making the one who should answer slower than it. */
const SLOW: Record<PhaseName, ControlFault> = {
  begin: { target: 'agent', host: 'src', mode: 'slow', delaySec: 40, count: 1 },
  prepare: { target: 'bridge', host: 'br2', mode: 'slow', delaySec: 20, count: 1 },
  perform: { target: 'agent', host: 'src', mode: 'slow', delaySec: 40, count: 1 },
  finish: { target: 'bridge', host: 'br2', mode: 'slow', delaySec: 20, count: 1 },
  confirm: { target: 'bridge', host: 'br1', mode: 'slow', delaySec: 20, count: 1 },
};

/** What fails, done at the date the phase starts (after its request left). */
function inject(sim: Simulation, phase: PhaseName, component: Component): void {
  const early = phase === 'begin' || phase === 'perform' || phase === 'confirm';
  const hosts: Partial<Record<Component, string>> = {
    source: 'src',
    destination: 'dst',
    controller: 'mgmt',
    bridge: phase === 'confirm' ? 'br1' : 'br2',
    database: 'db',
  };
  const host = hosts[component];
  if (host !== undefined) sim.host(host).turnOff();
  else if (component === 'link') sim.platform.link(early ? 'l-src' : 'l-dst').turnOff();
  else if (component === 'message') sim.control.inject({ target: 'messages', kind: LOST[phase], count: 1 });
  else sim.control.inject(SLOW[phase]);
}

async function failIn(algorithm: string, phase: PhaseName, component: Component): Promise<PhasedRun> {
  return runPhased({ algorithm, features: FEATURES }, (sim) => {
    let done = false;
    sim.trace.on('control.phase-started', (event) => {
      if (done || event.phase !== phase || event.cancelled === true) return;
      done = true;
      sim.at(event.time, () => inject(sim, phase, component));
    });
  });
}

function checkInvariant(run: PhasedRun, algorithm: string, phase: PhaseName, component: Component): void {
  const cell = `${algorithm} × ${phase} × ${component}`;
  const { sim, vm, record, error } = run;
  const protocol = sim.control.records[0];
  assert.ok(protocol !== undefined && protocol.outcome !== 'running', `${cell}: the migration concluded`);
  const operatorAlive = true; // the operator runs on its own host, which never fails here
  assert.ok(operatorAlive && (record !== undefined) !== (error !== undefined), `${cell}: the caller was told once`);
  if (error !== undefined) {
    assert.match(error.code ?? '', /^(begin|prepare|perform|finish|confirm)-failed$/, `${cell}: ${error.message}`);
    assert.equal(error.details?.phase, protocol.failedPhase, cell);
    assert.ok(protocol.reason !== undefined && (protocol.error ?? '').length > 0, `${cell}: a reason is given`);
  }
  const lost = vm.isReleased || vm.state === 'destroyed';
  if (lost) {
    const hostFailed = component === 'source' || component === 'destination';
    const postCopyTail = algorithm === 'postcopy' && phase === 'confirm';
    assert.ok(hostFailed || postCopyTail, `${cell}: the VM was lost (${error?.message})`);
    assert.ok(error !== undefined, `${cell}: a lost VM is reported`);
  } else {
    assert.equal(vm.state, 'running', `${cell}: the VM runs (${error?.message})`);
    assert.equal(vm.pausedForMigration, false, `${cell}: the VM is not left paused (${error?.message})`);
    assert.ok(vm.pm.isOn(), `${cell}: the VM's host is on`);
    assert.ok(vm.pm.name === 'src' || vm.pm.name === 'dst', cell);
    if (record !== undefined) assert.equal(vm.pm.name, 'dst', `${cell}: a completed migration moved the VM`);
  }
  const ports = sim.control.ports('vm');
  const here = lost ? undefined : vm.pm.name;
  for (const port of ports) {
    assert.equal(port.station, here, `${cell}: a port of the VM is left on ${port.station} (${port.mode})`);
    assert.equal(port.mode, 'associated', `${cell}: the port on ${port.station} is ${port.mode}`);
  }
  if (record !== undefined && sim.host('br2').isOn())
    assert.equal(ports.length, 1, `${cell}: the port followed the VM`);
  assert.deepEqual(sim.vms.reservations.all, [], `${cell}: nothing stays reserved`);
}

for (const algorithm of ALGORITHMS) {
  for (const component of COMPONENTS) {
    test(`a ${component} failing in any phase of a ${algorithm} migration leaves the VM on one host with its port`, async () => {
      for (const phase of PHASES)
        checkInvariant(await failIn(algorithm, phase, component), algorithm, phase, component);
    });
  }
}

test('without a failure, every algorithm completes with its port on the destination and nothing reserved', async () => {
  for (const algorithm of ALGORITHMS) {
    const run = await runPhased({ algorithm, features: FEATURES });
    assert.equal(run.error, undefined, `${algorithm}: ${run.error?.message}`);
    assert.equal(run.vm.pm.name, 'dst');
    assert.deepEqual(
      run.sim.control.ports('vm').map((p) => [p.station, p.mode]),
      [['dst', 'associated']],
    );
    assert.deepEqual(run.sim.vms.reservations.all, []);
  }
});
