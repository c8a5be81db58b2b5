// Capabilities and parameters of a migration, set over QMP before `migrate`: `events` on both sides, `postcopy-ram` on
// both sides when asked, auto-converge and pause-before-switchover on the source; then QEMU's effective parameters.
import type { QmpClient } from '../qmp/qmp-client.ts';
import type { MigrationSettings } from './options.ts';

export interface AppliedConfiguration {
  /** Capabilities turned on at the source. */
  capabilities: string[];
  /** `query-migrate-parameters` of the source after the change (QEMU's units: ms, bytes/s, percent). */
  parameters: Record<string, unknown>;
}

function capabilityList(names: string[]): Record<string, unknown> {
  return { capabilities: names.map((capability) => ({ capability, state: true })) };
}

export function migrationParameters(settings: MigrationSettings): Record<string, number> {
  const parameters: Record<string, number> = {};
  if (settings.downtimeLimitSec !== undefined)
    parameters['downtime-limit'] = Math.round(settings.downtimeLimitSec * 1000);
  if (settings.maxBandwidthBytesPerSec !== undefined) parameters['max-bandwidth'] = settings.maxBandwidthBytesPerSec;
  const throttle = settings.autoConverge;
  if (throttle?.initialPercent !== undefined) parameters['cpu-throttle-initial'] = throttle.initialPercent;
  if (throttle?.incrementPercent !== undefined) parameters['cpu-throttle-increment'] = throttle.incrementPercent;
  if (throttle?.maxPercent !== undefined) parameters['max-cpu-throttle'] = throttle.maxPercent;
  return parameters;
}

export async function configureMigration(
  source: QmpClient,
  destination: QmpClient,
  settings: MigrationSettings,
  pauseBeforeSwitchover: boolean,
): Promise<AppliedConfiguration> {
  const postcopy = settings.postcopy ? ['postcopy-ram'] : [];
  const capabilities = [
    'events',
    ...(settings.autoConverge !== undefined ? ['auto-converge'] : []),
    ...postcopy,
    ...(pauseBeforeSwitchover ? ['pause-before-switchover'] : []),
  ];
  await source.execute('migrate-set-capabilities', capabilityList(capabilities));
  await destination.execute('migrate-set-capabilities', capabilityList(['events', ...postcopy]));
  const parameters = migrationParameters(settings);
  if (Object.keys(parameters).length > 0) await source.execute('migrate-set-parameters', parameters);
  const effective = await source.execute<Record<string, unknown>>('query-migrate-parameters');
  return { capabilities, parameters: effective };
}
