// Cold migration: the VM stops at once and its whole memory is copied before it resumes on the destination, at
// `maxBandwidthBytesPerSec` when given (0 = none; without it, the VM's migration speed).
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';

class StopAndCopy implements MigrationStrategy {
  readonly name = 'stop-and-copy';
  readonly checkIntervalSec = undefined;

  constructor(private readonly rateBytesPerSec: number | undefined) {}

  start(view: MigrationView): Decision {
    const decision: Decision = { action: 'switch-over', bytes: view.ramBytes, finalSync: false };
    if (this.rateBytesPerSec !== undefined) decision.rateBytesPerSec = this.rateBytesPerSec;
    return decision;
  }

  roundEnded(): Decision {
    return { action: 'give-up', reason: 'stop-and-copy has no rounds' };
  }
}

export const stopAndCopy: MigrationAlgorithm = {
  name: 'stop-and-copy',
  create: (options) =>
    new StopAndCopy(typeof options.maxBandwidthBytesPerSec === 'number' ? options.maxBandwidthBytesPerSec : undefined),
};
