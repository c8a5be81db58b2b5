// The MigrationDriver of the simulator: a request runs in a Simulation of two hosts joined by one link (the machine's
// path, CM02: no TCP factors), the VM a cyclic writer paced by the clock, migrated after QEMU's setup time with the
// public algorithm the request describes — `precopy`, or `hybrid` when it asks for post-copy — and its options;
// operator commands, cancel and timeout are scheduled at their simulated dates.
import { isLivemigError, LivemigError } from '../../core/index.ts';
import type { ActorContext } from '../../kernel/index.ts';
import { Simulation } from '../../simulation/index.ts';
import { type MigrateOptions, type MigrationRecord, QEMU_DEFAULTS } from '../../vm/index.ts';
import { checkRequest, type MigrationDriver, type MigrationRequest } from './migration-driver.ts';
import { fromRequestTime } from './request-time.ts';
import { headStartSec, IDEAL_MACHINE, type SimulatedMachine, setupSecFor, zeroPageRatio } from './simulated-machine.ts';
import { liveCap, Operator } from './simulated-operator.ts';

export function simulatedDriver(machine: SimulatedMachine = IDEAL_MACHINE): MigrationDriver {
  return { kind: 'simulator', migrate: (request) => simulate(machine, request) };
}

async function simulate(machine: SimulatedMachine, request: MigrationRequest): Promise<MigrationRecord> {
  const rate = request.dirtyRateBytesPerSec;
  checkRequest(
    request,
    rate === 'max'
      ? [{ code: 'invalid-option', path: 'dirtyRateBytesPerSec', message: "the simulator needs a rate, not 'max'" }]
      : [],
  );
  const names = { vm: request.vm ?? 'lab-guest', from: request.from ?? 'source', to: request.to ?? 'destination' };
  // The path runs at the stopped guest's rate; live passes are capped at the running guest's (migrateOptions).
  // FATPIPE: the migration's flow gets the whole path (a SHARED link would count its reverse traffic too).
  const fastest = Math.max(machine.linkBandwidthBytesPerSec, machine.stoppedBandwidthBytesPerSec);
  const link = { name: 'path', bandwidth: `${fastest}Bps`, latency: 0, sharing: 'fatpipe' as const };
  const platform = {
    hosts: [
      { name: names.from, speed: '1Gf' },
      { name: names.to, speed: '1Gf' },
    ],
    links: [link],
    routes: [{ src: names.from, dst: names.to, links: ['path'] }],
  };
  const sim = new Simulation({ platform, network: 'CM02' });
  const vm = sim.createVm(names.from, names.vm, { cores: 1, ramBytes: request.ramBytes });
  vm.dirtyModel = {
    kind: 'linear',
    rateBytesPerSec: rate === 'max' ? 0 : rate,
    workingSetBytes: request.workingSetBytes,
    paced: true,
  };
  vm.start();
  const cap = request.maxBandwidthBytesPerSec ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec;
  const setupSec = Math.max(0, setupSecFor(machine, request.ramBytes) - headStartSec(machine, cap));
  const operator = new Operator(sim, names.vm, request);
  let record: MigrationRecord | undefined;
  sim.spawn('operator', names.from, async (ctx) => {
    if (setupSec > 0) await ctx.sleep(setupSec);
    try {
      record = await sim.migrate(vm, names.to, migrateOptions(machine, request, operator, setupSec));
    } catch (error) {
      record = recordOf(error);
      if (record === undefined) throw error;
    } finally {
      operator.dismiss();
    }
  });
  operator.schedule();
  await sim.run();
  if (record === undefined) throw new LivemigError('internal', 'The simulated migration left no record.');
  const runningOn = vm.state === 'running' ? vm.pm.name : undefined;
  const normalised = fromRequestTime(record, request.beforeSwitchover !== undefined);
  return { ...normalised, details: { ...normalised.details, runningOn } };
}

/** The public algorithm and options that describe the request on this machine: `precopy`, or `hybrid` with the
 * request's post-copy trigger (its time counted from the start of the migration, after the setup). The guest's zero
 * pages and its working set lie at the top of its RAM (`memoryLayout: 'top'`, see docs/validation.md). */
export function migrateOptions(
  machine: SimulatedMachine,
  request: MigrationRequest,
  operator: Operator | undefined,
  setupSec: number,
): MigrateOptions {
  const options: MigrateOptions = {
    algorithm: 'precopy',
    maxBandwidthBytesPerSec: liveCap(machine, request),
    zeroPageRatio: zeroPageRatio(machine, request.ramBytes, request.workingSetBytes),
    memoryLayout: 'top',
    // The post-copy push runs with the guest running on the destination.
    maxPostcopyBandwidthBytesPerSec: machine.linkBandwidthBytesPerSec,
    deviceStateBytes: machine.deviceStateBytes,
  };
  if (request.postcopyAfterSec !== undefined) {
    options.algorithm = 'hybrid';
    options.postcopyAfterSec = Math.max(0, request.postcopyAfterSec - setupSec);
  } else if (request.postcopyAfterRounds !== undefined) {
    options.algorithm = 'hybrid';
    options.precopyRounds = Math.max(1, request.postcopyAfterRounds);
  }
  if (request.downtimeLimitSec !== undefined) options.downtimeLimitSec = request.downtimeLimitSec;
  if (request.autoConverge !== undefined && request.autoConverge !== false) options.autoConverge = request.autoConverge;
  const gate = request.beforeSwitchover;
  if (gate === undefined && machine.switchoverSec === 0) return options;
  options.beforeSwitchover = async (ctx: ActorContext) => {
    if (gate !== undefined && !(await gate({ atSec: ctx.now, extended: operator?.extended ?? false })))
      throw new Error('beforeSwitchover refused the switch-over');
    if (machine.switchoverSec > 0) await ctx.sleep(machine.switchoverSec);
  };
  return options;
}

function recordOf(error: unknown): MigrationRecord | undefined {
  if (!isLivemigError(error)) return undefined;
  const record = error.details.record;
  return typeof record === 'object' && record !== null ? (record as MigrationRecord) : undefined;
}
