// libvirt's phased migration around a real QEMU migration: Begin (the source's checks), Prepare (features get the
// destination ready), Perform (the memory copy, up to QEMU's pause-before-switchover), Finish (at that gate, with the
// source paused, the features commit; only then `migrate-continue` lets the destination resume the VM: the commit
// point), Confirm (the source gives back what it held). A required feature that fails before the commit point rolls
// the migration back: the copy is cancelled, the source VM resumes, every prepared feature is rolled back, and the
// caller gets `<phase>-failed`. An optional feature's failure is recorded and the migration goes on. The same
// protocol, simulated, is src/control (docs/control-plane.md); this is its real counterpart (docs/qemu.md).
import { errorMessage, LivemigError } from '../../core/index.ts';
import { type RealMigrationOptions, resolveMigrationOptions } from '../migration/options.ts';
import type { RealMigrationResult } from '../migration/result.ts';
import { type RealMigration, realMigrationResultOf, startRealMigration } from '../qemu-migration.ts';

export type RealPhase = 'begin' | 'prepare' | 'perform' | 'finish' | 'confirm';
export type RealFeatureHook = 'begin' | 'prepare' | 'commit' | 'rollback' | 'release';

/** What a hook is told. Times are seconds since the phased migration began. */
export interface RealFeatureContext {
  vm: string;
  from: string;
  to: string;
  phase: RealPhase;
  hook: RealFeatureHook;
  atSec: number;
}

/** A feature of a real migration: hooks throw (or reject) to fail. Required unless `required: false`. */
export interface RealFeature {
  name: string;
  required?: boolean;
  /** Begin, on the source: checks. */
  begin?: (f: RealFeatureContext) => unknown;
  /** Prepare: make the destination ready (e.g. pre-associate the VM's port). */
  prepare?: (f: RealFeatureContext) => unknown;
  /** Finish, at the switch-over gate with the source paused: the time it takes is downtime. */
  commit?: (f: RealFeatureContext) => unknown;
  /** After a failure, for a feature whose prepare was tried. */
  rollback?: (f: RealFeatureContext) => unknown;
  /** Confirm, once the VM runs on the destination: give back what the source held. */
  release?: (f: RealFeatureContext) => unknown;
}

export interface RealPhaseRecord {
  phase: RealPhase;
  startSec: number;
  endSec: number;
  outcome: 'ok' | 'failed';
}

export interface RealFeatureRecord {
  name: string;
  required: boolean;
  /** Each hook run: when, how long, and its error if it failed. */
  hooks: { hook: RealFeatureHook; startSec: number; endSec: number; error?: string }[];
  outcome: 'committed' | 'failed' | 'rolled-back' | 'not-run';
}

export interface RealPhasedRecord {
  outcome: 'completed' | 'failed';
  /** The first phase that failed, and why, when any did (kept as a warning on a completed migration). */
  failedPhase: RealPhase | undefined;
  reason: 'feature-failed' | 'copy-failed' | undefined;
  phases: RealPhaseRecord[];
  features: RealFeatureRecord[];
  /** The memory copy's record, when it ran. */
  migration: RealMigrationResult | undefined;
}

export interface RealPhasedOptions extends RealMigrationOptions {
  features?: readonly RealFeature[];
  /** Starts the copy (default: a real QEMU migration); tests pass a stand-in. */
  start?: (options: RealMigrationOptions) => RealMigration;
}

/** Runs a phased real migration; resolves with its record, or rejects with `<phase>-failed` carrying it. */
export async function migratePhasedReal(options: RealPhasedOptions): Promise<RealPhasedRecord> {
  const { features = [], start = startRealMigration, ...copyOptions } = options;
  if (copyOptions.beforeSwitchover !== undefined) {
    throw new LivemigError(
      'invalid-argument',
      'A phased migration sets beforeSwitchover itself (its Finish runs there): pass features instead.',
    );
  }
  if (start === startRealMigration) resolveMigrationOptions(copyOptions); // bad options fail before any hook runs
  const names = new Set<string>();
  for (const feature of features) {
    if (names.has(feature.name))
      throw new LivemigError('invalid-argument', `Feature "${feature.name}" is given twice; give each once.`);
    names.add(feature.name);
  }
  return new PhasedRun(copyOptions, features).run(start);
}

class PhasedRun {
  private readonly t0 = performance.now();
  private readonly phases: RealPhaseRecord[] = [];
  private readonly records: RealFeatureRecord[];
  private failedPhase: RealPhase | undefined;
  private reason: RealPhasedRecord['reason'];
  private failure: string | undefined;
  private migration: RealMigrationResult | undefined;
  /** Features whose prepare was tried: rolled back on failure. */
  private readonly prepared = new Set<number>();

  constructor(
    private readonly options: RealMigrationOptions,
    private readonly features: readonly RealFeature[],
  ) {
    this.records = features.map((f) => ({ name: f.name, required: f.required ?? true, hooks: [], outcome: 'not-run' }));
  }

  private now(): number {
    return (performance.now() - this.t0) / 1000;
  }

  async run(start: (options: RealMigrationOptions) => RealMigration): Promise<RealPhasedRecord> {
    if (!(await this.phase('begin', () => this.hooks('begin', 'begin')))) return this.fail();
    if (!(await this.phase('prepare', () => this.hooks('prepare', 'prepare')))) return this.fail();
    let finishStart: number | undefined;
    let finishOk = true;
    const performStart = this.now();
    const copy = start({
      ...this.options,
      beforeSwitchover: async () => {
        this.phases.push({ phase: 'perform', startSec: performStart, endSec: this.now(), outcome: 'ok' });
        finishStart = this.now();
        finishOk = await this.hooks('finish', 'commit');
        return finishOk;
      },
    });
    try {
      this.migration = await copy.result;
    } catch (error) {
      this.migration = realMigrationResultOf(error);
      if (this.migration === undefined && !(error instanceof LivemigError)) throw error;
      const end = this.now();
      if (finishStart === undefined) {
        this.phases.push({ phase: 'perform', startSec: performStart, endSec: end, outcome: 'failed' });
        this.note('perform', 'copy-failed', errorMessage(error));
      } else {
        this.phases.push({ phase: 'finish', startSec: finishStart, endSec: end, outcome: 'failed' });
        if (finishOk) this.note('finish', 'copy-failed', errorMessage(error));
      }
      return this.fail();
    }
    const finishAt = finishStart ?? this.now();
    this.phases.push({ phase: 'finish', startSec: finishAt, endSec: this.now(), outcome: 'ok' });
    for (const record of this.records) if (record.outcome !== 'failed') record.outcome = 'committed';
    await this.phase('confirm', () => this.hooks('confirm', 'release'));
    return this.record('completed');
  }

  /** Runs a phase; false when it failed. */
  private async phase(phase: RealPhase, body: () => Promise<boolean>): Promise<boolean> {
    const startSec = this.now();
    const ok = await body();
    this.phases.push({ phase, startSec, endSec: this.now(), outcome: ok ? 'ok' : 'failed' });
    return ok;
  }

  /** Runs one hook of every feature, in order; false as soon as a required one fails (the rest do not run). */
  private async hooks(phase: RealPhase, hook: RealFeatureHook): Promise<boolean> {
    for (const [i, feature] of this.features.entries()) {
      if (hook === 'prepare') this.prepared.add(i); // tried, so rolled back on failure
      const error = await this.runHook(i, feature, phase, hook);
      if (error === undefined) continue;
      const record = this.records[i] as RealFeatureRecord;
      record.outcome = 'failed';
      // After the commit point nothing rolls back: a failed release is a warning.
      if (record.required && phase !== 'confirm') {
        this.note(phase, 'feature-failed', `feature ${feature.name}: ${error}`);
        return false;
      }
      if (this.failedPhase === undefined) this.note(phase, 'feature-failed', `feature ${feature.name}: ${error}`);
    }
    return true;
  }

  private async runHook(
    index: number,
    feature: RealFeature,
    phase: RealPhase,
    hook: RealFeatureHook,
  ): Promise<string | undefined> {
    const fn = feature[hook];
    if (fn === undefined) return undefined;
    const record = this.records[index] as RealFeatureRecord;
    const startSec = this.now();
    const context: RealFeatureContext = {
      vm: this.options.vmName ?? 'lab-guest',
      from: this.options.sourceName ?? 'source',
      to: this.options.destinationName ?? 'destination',
      phase,
      hook,
      atSec: startSec,
    };
    try {
      await fn.call(feature, context);
      record.hooks.push({ hook, startSec, endSec: this.now() });
      return undefined;
    } catch (error) {
      const text = errorMessage(error);
      record.hooks.push({ hook, startSec, endSec: this.now(), error: text });
      return text;
    }
  }

  private note(phase: RealPhase, reason: NonNullable<RealPhasedRecord['reason']>, text: string): void {
    if (this.failedPhase !== undefined) return;
    this.failedPhase = phase;
    this.reason = reason;
    this.failure = text;
  }

  /** Rolls back every feature whose prepare was tried, then rejects with the failed phase. */
  private async fail(): Promise<never> {
    for (const [i, feature] of this.features.entries()) {
      if (!this.prepared.has(i)) continue;
      const error = await this.runHook(i, feature, this.failedPhase ?? 'perform', 'rollback');
      const record = this.records[i] as RealFeatureRecord;
      if (error === undefined && record.outcome !== 'failed') record.outcome = 'rolled-back';
    }
    const record = this.record('failed');
    const phase = record.failedPhase ?? 'perform';
    const vm = this.options.vmName ?? 'lab-guest';
    const where = this.migration === undefined || phase === 'begin' || phase === 'prepare' ? 'never left' : 'runs on';
    throw new LivemigError(
      `${phase}-failed`,
      `Phased migration of VM "${vm}" failed in ${phase} at ${this.now().toFixed(3)} s: ${this.failure ?? 'unknown'}. ` +
        `The VM ${where} its source "${this.options.sourceName ?? 'source'}".`,
      { details: { phase, reason: record.reason, protocol: record, result: this.migration } },
    );
  }

  private record(outcome: RealPhasedRecord['outcome']): RealPhasedRecord {
    return {
      outcome,
      failedPhase: this.failedPhase,
      reason: this.reason,
      phases: this.phases,
      features: this.records,
      migration: this.migration,
    };
  }
}
