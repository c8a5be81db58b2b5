// Entry point of a live migration: SimGrid's checks (with its messages), then a MigrationRun driven by the caller.
import { LivemigError } from '../../core/index.ts';
import { type Actor, internalsOf } from '../../kernel/index.ts';
import type { Host } from '../../platform/index.ts';
import type { VirtualMachine } from '../virtual-machine.ts';
import type { VmManager } from '../vm-manager.ts';
import { MigrationRun } from './migration-run.ts';
import type { MigrateOptions } from './options.ts';
import type { MigrationRecord } from './records.ts';

/** Live-migrates `vm` to `destination`; must be called (and awaited) from an actor, which waits for the end. */
export function migrateVm(
  manager: VmManager,
  issuer: Actor | undefined,
  vm: VirtualMachine,
  destination: Host,
  options: MigrateOptions = {},
): Promise<MigrationRecord> {
  const engine = manager.engine;
  if (issuer === undefined) {
    throw new LivemigError(
      'invalid-state',
      `Cannot migrate VM "${vm.name}" from outside an actor: call migrate() (and await it) in an actor's code.`,
    );
  }
  internalsOf(engine).checkRunning(issuer, 'migrate()');
  checkMigration(vm, destination);
  // Unlike SimGrid 3.32, a destination that forbids over-commitment must have room for the VM (as at start).
  if (options.record === undefined) manager.checkMemory(vm, destination);
  const id = options.record?.id ?? manager.nextMigrationId();
  const run = new MigrationRun(manager, vm, vm.pm, destination, issuer, options, id);
  if (options.record === undefined) manager.migrationRecords.push(run.record); // else its owner listed it
  return run.perform();
}

/** SimGrid's checks, in its order and with its messages. */
export function checkMigration(vm: VirtualMachine, destination: Host): void {
  const fail = (text: string) => new LivemigError('vm-failure', text, { details: { vm: vm.name, state: vm.state } });
  if (vm.isReleased) throw fail(`Cannot migrate VM '${vm.name}': it was destroyed.`);
  const source = vm.pm;
  if (!source.isOn()) throw fail(`Cannot migrate VM '${vm.name}' from host '${source.name}', which is offline.`);
  if (!destination.isOn())
    throw fail(`Cannot migrate VM '${vm.name}' to host '${destination.name}', which is offline.`);
  if (vm.state === 'migrating') throw fail(`Cannot migrate VM '${vm.name}' that is already migrating.`);
  if (vm.state !== 'running') throw fail(`Cannot migrate VM '${vm.name}' that is not running yet.`);
}
