// Runs the features' hooks of one step, in order, recording each outcome: a required feature that fails stops the
// step (the caller rolls back); an optional one is reported and left out of the later steps.
import { isLivemigError } from '../../core/index.ts';
import type { FeatureRecord, FeatureStep } from '../records.ts';
import type { FeatureContext, MigrationFeature } from './feature.ts';

/** A required feature that failed, and why. */
export interface FeatureFailure {
  feature: string;
  error: string;
}

export class FeatureRunner {
  private readonly disabled = new Set<string>();
  private readonly tried = new Set<string>();

  constructor(
    private readonly features: readonly MigrationFeature[],
    private readonly records: readonly FeatureRecord[],
    private readonly contextOf: (record: FeatureRecord) => FeatureContext,
  ) {}

  attach(): void {
    for (const [i, feature] of this.features.entries())
      feature.attach?.(this.contextOf(this.records[i] as FeatureRecord));
  }

  /** Runs `step` of every feature still in the migration (`release`, which cleans the source up, of every feature);
   * the first required failure, if any. `which` picks the required or the optional features only (fast mode: the
   * optional ones commit after the switch-over, their time is then not downtime). */
  async run(
    step: 'begin' | 'prepare' | 'commit' | 'release',
    which: 'all' | 'required' | 'optional' = 'all',
  ): Promise<FeatureFailure | undefined> {
    for (const [i, feature] of this.features.entries()) {
      const hook = feature[step];
      const record = this.records[i] as FeatureRecord;
      if (this.disabled.has(feature.name) && step !== 'release') continue;
      if ((which === 'required' && !feature.required) || (which === 'optional' && feature.required)) continue;
      if (which === 'optional' && step === 'commit' && hook !== undefined) record.details.afterSwitchover = true;
      if (step === 'prepare') this.tried.add(feature.name);
      if (hook === undefined) continue;
      const f = this.contextOf(record);
      const start = f.ctx.now;
      let error: string | undefined;
      try {
        await hook.call(feature, f);
      } catch (caught) {
        if (isLivemigError(caught, 'actor-killed')) throw caught;
        error = caught instanceof Error ? caught.message : String(caught);
      }
      this.note(record, step, start, f.ctx.now, error);
      if (step === 'commit' && which !== 'optional') record.extraDowntimeSec += f.ctx.now - start;
      if (error === undefined) continue;
      if (feature.required) return { feature: feature.name, error };
      this.disabled.add(feature.name);
    }
    return undefined;
  }

  /** The VM paused on the source: tell the features at once. */
  stopped(): void {
    for (const [i, feature] of this.features.entries()) {
      if (feature.stopped === undefined || this.disabled.has(feature.name)) continue;
      const record = this.records[i] as FeatureRecord;
      const f = this.contextOf(record);
      let error: string | undefined;
      try {
        feature.stopped(f);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      this.note(record, 'stopped', f.ctx.now, f.ctx.now, error);
      if (error !== undefined && !feature.required) this.disabled.add(feature.name);
    }
  }

  /** Undoes, in reverse order, every feature whose prepare was tried (errors are recorded, never thrown). */
  async rollback(): Promise<void> {
    for (let i = this.features.length - 1; i >= 0; i--) {
      const feature = this.features[i] as MigrationFeature;
      const record = this.records[i] as FeatureRecord;
      if (!this.tried.has(feature.name)) continue;
      const f = this.contextOf(record);
      const start = f.ctx.now;
      let error: string | undefined;
      try {
        await feature.rollback?.call(feature, f);
      } catch (caught) {
        if (isLivemigError(caught, 'actor-killed')) throw caught;
        error = caught instanceof Error ? caught.message : String(caught);
      }
      if (feature.rollback !== undefined) this.note(record, 'rollback', start, f.ctx.now, error);
      record.outcome = 'rolled-back';
    }
  }

  private note(record: FeatureRecord, step: FeatureStep, start: number, end: number, error: string | undefined): void {
    record.steps.push({ step, start, end, ok: error === undefined, error });
    if (error !== undefined) record.outcome = 'failed';
    else if (record.outcome === 'pending' && (step === 'commit' || step === 'release')) record.outcome = 'ok';
  }
}
