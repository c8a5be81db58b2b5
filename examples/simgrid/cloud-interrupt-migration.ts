// SimGrid 3.32 teshsuite/s4u/cloud-interrupt-migration: a helper actor migrates VM0 Fafard → Tremblay; the VM is
// shut down at t=2, which ends that migration, then started again at t=10 and migrated again (132.766 s). SimGrid
// kills the first helper; livemig rejects its migrate() with 'migration-aborted', which it catches silently.
import {
  type ActorContext,
  formatG,
  type Host,
  isLivemigError,
  Simulation,
  type VirtualMachine,
} from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export interface InterruptedMigration {
  lines: string[];
  sim: Simulation;
  /** What the first migration's caller got: the error, and the date it got it. */
  firstOutcome: { error: unknown; at: number } | undefined;
  /** VM0's state just after the shutdown at t=2, just after the start at t=10, and where the second migration
   * left it. */
  stateAfterShutdown: string | undefined;
  stateAfterRestart: string | undefined;
  afterSecondMigration: { state: string; pm: string } | undefined;
}

export async function scenario(): Promise<InterruptedMigration> {
  const sim = new Simulation({ platform: platform('small_platform.xml') });
  const result: InterruptedMigration = {
    lines: [],
    sim,
    firstOutcome: undefined,
    stateAfterShutdown: undefined,
    stateAfterRestart: undefined,
    afterSecondMigration: undefined,
  };
  sim.onLog((record) => result.lines.push(shortLine(record)));

  async function migrate(ctx: ActorContext, vm: VirtualMachine, destination: Host): Promise<void> {
    const source = vm.pm;
    const start = ctx.now;
    await vm.migrate(destination);
    ctx.log(`${vm.name} migrated: ${source.name}->${destination.name} in ${formatG(ctx.now - start)} s`);
  }

  sim.spawn('master_', 'Fafard', async (ctx) => {
    const pm0 = sim.host('Fafard');
    const pm1 = sim.host('Tremblay');
    const vm = sim.createVm(pm0, 'VM0', { cores: 1, ramBytes: 1e9 });
    vm.start();

    ctx.log(`Start the migration of ${vm.name} from ${pm0.name} to ${pm1.name}`);
    ctx.spawn('mig_wrk', ctx.host, async (c) => {
      try {
        await migrate(c, vm, pm1);
      } catch (error) {
        // SimGrid kills this actor silently; here it is told why and ends silently too.
        if (!isLivemigError(error, 'migration-aborted')) throw error;
        result.firstOutcome = { error, at: c.now };
      }
    });

    await ctx.sleep(2);
    ctx.log(`Wait! change my mind, shutdown ${vm.name}. This ends the migration`);
    vm.shutdown();
    result.stateAfterShutdown = vm.state;

    await ctx.sleep(8);
    ctx.log(`Start again the migration of ${vm.name} from ${pm0.name} to ${pm1.name}`);
    vm.start();
    result.stateAfterRestart = vm.state;
    ctx.spawn('mig_wrk', ctx.host, async (c) => {
      await migrate(c, vm, pm1);
      result.afterSecondMigration = { state: vm.state, pm: vm.pm.name };
    });
    ctx.log('Wait for the completion of the migration this time');
    await ctx.sleep(200);
    vm.destroy();
  });
  await sim.run();
  result.lines.push(
    shortLine({
      time: sim.now,
      pid: 0,
      actor: 'maestro',
      host: '',
      message: `Bye (simulation time ${formatG(sim.now)})`,
    }),
  );
  return result;
}

export async function run(): Promise<string[]> {
  return (await scenario()).lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await run()) console.log(line);
