// The phased protocol through the public API: what each message costs, the must-not-fail port profile (a refused
// Associate rolls the migration back, the source resumes), the VDP timers (response wait, keep-alive expiry), the
// pause-before-switchover question, the loss of the controller (libvirt's auto-destroy), the over-commit check of
// Prepare, the job statistics, bad options, and byte-identical records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivemigError, rpcBytes, vdpTimers } from '../src/index.ts';
import { FEATURES, MiB, runPhased } from './phased-fixture.ts';

/** LV08 on a route of three links of which the slowest carries 1 Gbit/s: 13.01 × latency + bytes / (0.97 × 125e6
 * / 1.05) (bandwidth factor 0.97; the reverse route's cross traffic weighs 0.05 on the same links). */
const lv08 = (latencySec: number, bytes: number) => 13.01 * latencySec + bytes / ((0.97 * 125e6) / 1.05);
const ROUTE_LATENCY_SEC = 20e-6 + 50e-6 + 20e-6;

test('every control-plane message crosses the simulated route: latency plus its size over the bandwidth', async () => {
  const { sim, record } = await runPhased({ algorithm: 'precopy', features: FEATURES });
  assert.ok(record !== undefined);
  const messages = sim.control.records[0]?.messages ?? [];
  const begin = messages.find((m) => m.kind === 'rpc.begin');
  const reply = messages.find((m) => m.kind === 'rpc.begin.reply');
  assert.ok(begin?.received !== undefined && reply?.received !== undefined);
  assert.ok(Math.abs(begin.received - begin.sent - lv08(ROUTE_LATENCY_SEC, rpcBytes('begin', false))) < 1e-12);
  // Begin's answer carries the domain's XML: it takes longer than the request.
  assert.ok(Math.abs(reply.received - reply.sent - lv08(ROUTE_LATENCY_SEC, rpcBytes('begin', true))) < 1e-12);
  assert.deepEqual(
    messages.filter((m) => !m.kind.includes('keepalive')).map((m) => m.kind),
    [
      'rpc.begin',
      'rpc.begin.reply',
      'rpc.prepare',
      'vdp.pre-associate',
      'vdp.response',
      'state.pull',
      'rpc.prepare.reply',
      'rpc.perform',
      'rpc.perform.started',
      'state.push-request',
      'state.push',
      'state.stored',
      'state.data',
      'state.installed',
      'rpc.perform.reply',
      'rpc.finish',
      'vdp.associate',
      'vdp.response',
      'rpc.status',
      'rpc.finish.reply',
      'rpc.confirm',
      'vdp.de-associate',
      'vdp.response',
      'rpc.confirm.reply',
      'rpc.close',
      'rpc.close',
    ],
  );
  assert.ok(messages.every((m) => m.received !== undefined && !m.lost));
});

test('a port profile the destination bridge refuses at Associate rolls the migration back: the source resumes', async () => {
  const switchedOver: number[] = [];
  const run = await runPhased({ algorithm: 'precopy', features: ['vdp-port'] }, (sim) => {
    sim.trace.on('vm.migration.switched-over', (e) => switchedOver.push(e.time));
    sim.trace.on('control.phase-started', (e) => {
      if (e.phase === 'finish') sim.control.inject({ target: 'bridge', host: 'br2', mode: 'refuse', count: 1 });
    });
  });
  const { sim, vm, error } = run;
  assert.ok(isLivemigError(error, 'finish-failed'), error?.message);
  assert.equal(error.details.reason, 'feature-failed');
  assert.match(error.message, /bridge "br2" refused VDP associate of VM "vm" \(insufficient-resources\)/);
  assert.match(error.message, /The VM runs on "src"/);
  assert.deepEqual(switchedOver, [], 'the VM never ran on the destination');
  assert.deepEqual([vm.pm.name, vm.state, vm.pausedForMigration], ['src', 'running', false]);
  const protocol = sim.control.records[0];
  assert.deepEqual(
    protocol?.phases.map((p) => `${p.phase}${p.cancelled ? ' (cancelled)' : ''}: ${p.ok}`),
    ['begin: true', 'prepare: true', 'perform: true', 'finish: false', 'confirm (cancelled): true'],
  );
  assert.deepEqual(
    sim.control.ports('vm').map((p) => [p.station, p.mode]),
    [['src', 'associated']],
  );
  assert.deepEqual(sim.vms.reservations.all, []);
  // Paused from the switch-over until Confirm resumed it on the source.
  const stats = protocol?.jobStats;
  assert.ok(stats?.downtimeSec !== undefined && stats.handoverSec !== undefined && stats.handoverSec > 0);
});

test('an optional port profile that fails is reported and the migration completes without it', async () => {
  const run = await runPhased({ algorithm: 'precopy', features: [{ name: 'vdp-port', required: false }] }, (sim) => {
    sim.trace.on('control.phase-started', (e) => {
      if (e.phase === 'finish') sim.control.inject({ target: 'bridge', host: 'br2', mode: 'refuse', count: 1 });
    });
  });
  assert.equal(run.error, undefined, run.error?.message);
  assert.equal(run.vm.pm.name, 'dst');
  const feature = run.sim.control.records[0]?.features[0];
  assert.equal(feature?.outcome, 'failed');
  assert.deepEqual(
    feature?.steps.map((s) => `${s.step}: ${s.ok}`),
    ['begin: true', 'prepare: true', 'commit: false', 'release: true'],
  );
  // The destination gave up its pre-association: its bridge releases it once the keep-alive expiry passed.
  assert.deepEqual(run.sim.control.ports('vm'), []);
});

test("a silent bridge fails the Associate when the station's response-wait timer expires", async () => {
  const run = await runPhased(
    { algorithm: 'precopy', features: [{ name: 'vdp-port', responseWaitSec: 0.5 }] },
    (sim) => {
      sim.trace.on('control.phase-started', (e) => {
        if (e.phase === 'finish') sim.control.inject({ target: 'bridge', host: 'br2', mode: 'silent' });
      });
    },
  );
  assert.ok(isLivemigError(run.error, 'finish-failed'));
  assert.match(run.error.message, /no answer from bridge "br2" to VDP associate of VM "vm" within 0.5 s/);
  const protocol = run.sim.control.records[0];
  const finish = protocol?.phases.find((p) => p.phase === 'finish' && !p.cancelled);
  const message = (kind: string) => protocol?.messages.find((m) => m.kind === kind);
  const [request, associate, reply] = ['rpc.finish', 'vdp.associate', 'rpc.finish.reply'].map(message);
  assert.ok(finish?.end !== undefined && request?.received !== undefined && reply?.received !== undefined);
  // The destination gives up exactly 0.5 s after its Associate left; Finish lasts that plus its request and answer.
  assert.ok(Math.abs((reply.sent ?? 0) - (associate?.sent ?? 0) - 0.5) < 1e-12);
  const transfers = request.received - request.sent + (reply.received - reply.sent);
  assert.ok(Math.abs(finish.end - finish.start - 0.5 - transfers) < 1e-12, `${finish.end - finish.start}`);
  assert.equal(run.vm.pm.name, 'src');
});

test('a source port whose De-Associate was lost is released by its bridge once the keep-alive expiry passed', async () => {
  const expired: { time: number; station: unknown }[] = [];
  const run = await runPhased({ algorithm: 'precopy', features: ['vdp-port'] }, (sim) => {
    sim.control.inject({ target: 'messages', kind: 'vdp.de-associate', count: 1 });
    sim.trace.on('control.port-changed', (e) => {
      if (e.state === 'expired') expired.push({ time: e.time, station: e.station });
    });
  });
  assert.equal(run.error, undefined);
  const lost = run.sim.control.records[0]?.messages.find((m) => m.kind === 'vdp.de-associate');
  assert.ok(lost?.lost === true && lost.received === undefined);
  const expiry = vdpTimers().keepAliveExpirySec;
  // lldpad's defaults (rka = 20, rte = 8, 3 retries): 1.5 × (2^20 + 7 × 2^8) × 10 µs.
  assert.ok(Math.abs(expiry - 15.75552) < 1e-9);
  assert.equal(expired.length, 1);
  assert.equal(expired[0]?.station, 'src');
  assert.ok(Math.abs((expired[0]?.time ?? 0) - lost.sent - expiry) < 1e-9);
  assert.deepEqual(
    run.sim.control.ports('vm').map((p) => p.station),
    ['dst'],
  );
});

test('with pause-before-switchover, the paused source asks the controller and waits for its answer', async () => {
  let pausedAt = Number.NaN;
  const gated = await runPhased(
    { algorithm: 'precopy', features: ['vdp-port'], pauseBeforeSwitchover: true },
    (sim) => {
      sim.trace.on('vm.migration.paused', (e) => {
        pausedAt = e.time;
      });
    },
  );
  const messages = gated.sim.control.records[0]?.messages ?? [];
  const question = messages.find((m) => m.kind === 'rpc.switchover-ready');
  const answer = messages.find((m) => m.kind === 'rpc.switchover');
  assert.equal(question?.sent, pausedAt, 'asked as the VM paused');
  assert.equal(answer?.sent, question?.received, 'the controller answers at once in Perform');
  // The pass in flight stopped as the VM paused (QEMU's migration thread waits in migration_maybe_pause before it
  // sends the rest): the round trip has the route to itself.
  const roundTrip = lv08(ROUTE_LATENCY_SEC, rpcBytes('perform', false));
  assert.ok(Math.abs((answer?.received ?? 0) - pausedAt - 2 * roundTrip) < 1e-9, `${answer?.received} - ${pausedAt}`);
  // QEMU's status stays pre-switchover until the answer, then the device state goes.
  const history = gated.record?.stats.statusHistory ?? [];
  const pre = history.find((s) => s.status === 'pre-switchover');
  const device = history.find((s) => s.status === 'device');
  assert.deepEqual([pre?.time, device?.time], [pausedAt, answer?.received]);
  // Refused (the controller is no longer in Perform): the migration is cancelled and the VM runs on the source.
  const refused = await runPhased({ algorithm: 'precopy', pauseBeforeSwitchover: true }, (sim) => {
    sim.control.inject({ target: 'messages', kind: 'rpc.switchover', count: 1 });
  });
  assert.ok(isLivemigError(refused.error, 'perform-failed'), refused.error?.message);
  assert.match(refused.error.message, /the switch-over was refused/);
  assert.deepEqual([refused.vm.pm.name, refused.vm.state, refused.vm.pausedForMigration], ['src', 'running', false]);
});

test('losing the controller before Finish: the destination destroys its copy after the keep-alive, the source resumes', async () => {
  let lostAt = 0;
  const run = await runPhased({ algorithm: 'precopy', features: FEATURES }, (sim) => {
    sim.trace.on('control.phase-started', (e) => {
      if (e.phase !== 'perform') return;
      lostAt = e.time;
      sim.at(e.time, () => sim.host('mgmt').turnOff());
    });
  });
  assert.ok(isLivemigError(run.error, 'perform-failed'));
  assert.equal(run.error.details.reason, 'controller-lost');
  assert.deepEqual([run.vm.pm.name, run.vm.state, run.vm.pausedForMigration], ['src', 'running', false]);
  const protocol = run.sim.control.records[0];
  const status = protocol?.messages.find((m) => m.kind === 'rpc.status');
  const heard = (protocol?.messages ?? []).filter(
    (m) => m.from === 'controller' && m.to === 'destination' && m.received,
  );
  const lastHeard = Math.max(...heard.map((m) => m.received ?? 0));
  assert.ok(lastHeard < lostAt);
  // libvirt's keep-alive: after 5 s of silence, a question every 5 s; the sixth is not sent, the connection closes.
  assert.equal(status?.sent, lastHeard + 30);
  assert.ok(protocol?.warnings.some((w) => w.includes('destination: the connection to the controller closed')));
  assert.deepEqual(run.sim.vms.reservations.all, []);
  assert.deepEqual(
    run.sim.control.ports('vm').map((p) => p.station),
    ['src'],
  );
});

test('Prepare reserves the memory of the paused copy: a destination that forbids over-commitment refuses it', async () => {
  const reserved: string[] = [];
  const full = await runPhased({ algorithm: 'precopy' }, (sim) => {
    sim.vms.setHostMemory(sim.host('dst'), { ramBytes: 300 * MiB, overcommit: false });
    sim.createVm('dst', 'other', { ramBytes: 100 * MiB }).start();
  });
  assert.ok(isLivemigError(full.error, 'prepare-failed'));
  assert.equal(full.error.details.reason, 'no-resources');
  assert.match(full.error.message, /Memory shortage on host "dst"/);
  assert.equal(full.vm.pm.name, 'src');
  const roomy = await runPhased({ algorithm: 'precopy' }, (sim) => {
    sim.vms.setHostMemory(sim.host('dst'), { ramBytes: 400 * MiB, overcommit: false });
    sim.createVm('dst', 'other', { ramBytes: 100 * MiB }).start();
    sim.trace.on('vm.reserved', (e) => reserved.push(`${e.host} ${e.purpose}`));
  });
  assert.equal(roomy.error, undefined);
  assert.deepEqual(reserved, ['dst incoming', 'src outgoing'], 'the copy on the destination, then the source copy');
  assert.deepEqual(roomy.sim.vms.reservations.all, []);
});

test('job statistics: the downtime is the copy plus the hand-over, and the data processed is what was sent', async () => {
  const { sim, record } = await runPhased({ algorithm: 'precopy', features: FEATURES });
  const protocol = sim.control.records[0];
  const stats = protocol?.jobStats;
  assert.ok(record !== undefined && stats !== undefined && protocol?.end !== undefined);
  assert.ok(Math.abs((stats.copyDowntimeSec ?? 0) + (stats.handoverSec ?? 0) - (stats.downtimeSec ?? 0)) < 1e-12);
  assert.ok(Math.abs((stats.downtimeSec ?? 0) - (record.downtimeSec ?? 0)) < 1e-12);
  assert.equal(stats.timeElapsedSec, protocol.end - protocol.start);
  assert.equal(stats.dataProcessedBytes, record.bytesSent);
  assert.equal(stats.dataTotalBytes, 256 * MiB);
  assert.equal(stats.dataRemainingBytes, 0);
  assert.equal(stats.memoryIterations, record.rounds.filter((r) => r.stage !== 3).length);
  assert.equal(stats.messages, protocol.messages.length);
  // The hand-over is Finish: a round trip to the destination and its Associate round trip to its bridge.
  assert.ok((stats.handoverSec ?? 0) > 0.004 && (stats.handoverSec ?? 1) < 0.006, `${stats.handoverSec}`);
});

test('bad options are refused before anything runs, every problem at once', async () => {
  const run = await runPhased({}, (sim) => {
    sim.spawn('bad', 'ops', async () => {
      const attempt = () =>
        sim.migrate('vm', 'dst', {
          protocol: 'phased',
          controller: 'mgnt',
          features: [
            'vdp-prot',
            { name: 'dynamic-state', sizeBytes: 0, database: 'dbb', policy: 'wiat' as 'wait' },
          ] as never,
        });
      assert.throws(attempt, (error: unknown) => {
        assert.ok(isLivemigError(error, 'invalid-argument'));
        assert.match(error.message, /controller host "mgnt" is not a host of the platform \(did you mean "mgmt"\?\)/);
        assert.match(error.message, /unknown feature "vdp-prot" \(did you mean "vdp-port"\?\)/);
        assert.match(error.message, /sizeBytes must be a number of bytes > 0/);
        assert.match(error.message, /database host "dbb" is not a host/);
        assert.match(
          error.message,
          /policy must be one of wait, proceed, serialize, not "wiat" \(did you mean "wait"\?\)/,
        );
        return true;
      });
      sim.control.attachToBridge('dst', 'ops');
      assert.throws(() => sim.control.attachToBridge('dst', 'nowhere'), /nowhere/);
    });
  });
  assert.equal(run.error, undefined);
  assert.equal(run.sim.control.records.length, 1, 'only the good migration ran');
});

test('a host without a bridge cannot use the port feature', async () => {
  const run = await runPhased({}, (sim) => {
    sim.spawn('bad', 'ops', async () => {
      assert.throws(
        () => sim.migrate('vm', 'db', { protocol: 'phased', features: ['vdp-port'] }),
        /host "db" is attached to no bridge/,
      );
    });
  });
  assert.equal(run.error, undefined);
});

test('the same phased migration twice gives byte-identical records', async () => {
  const once = await runPhased({ algorithm: 'mplm', features: FEATURES, pauseBeforeSwitchover: true });
  const twice = await runPhased({ algorithm: 'mplm', features: FEATURES, pauseBeforeSwitchover: true });
  assert.equal(JSON.stringify(once.sim.control.records), JSON.stringify(twice.sim.control.records));
  assert.equal(JSON.stringify(once.record), JSON.stringify(twice.record));
});

test('the public API offers the control plane by name', async () => {
  const api: Record<string, unknown> = await import('../src/index.ts');
  const names = [
    'BUILT_IN_FEATURES',
    'CONTROL_EVENTS',
    'CONTROL_STATES',
    'CONTROL_TRANSITIONS',
    'ControlPlane',
    'DYNAMIC_STATE_POLICIES',
    'LIBVIRT_KEEPALIVE',
    'LLDPAD_DEFAULTS',
    'PHASES',
    'RPC_KEEPALIVE_BYTES',
    'STATE_CONTROL_BYTES',
    'VDP_FRAME_BYTES',
    'controlTransition',
    'hasPhasedMigrations',
    'jobsCsv',
    'messagesCsv',
    'phasesCsv',
    'protocolReport',
    'rpcBytes',
    'vdpTimers',
  ];
  assert.deepEqual(
    names.filter((name) => api[name] === undefined),
    [],
  );
});
