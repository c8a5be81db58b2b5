// Cold migration: the VM stops at once and its whole memory is copied before it resumes on the destination.
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';

class StopAndCopy implements MigrationStrategy {
  readonly name = 'stop-and-copy';
  readonly checkIntervalSec = undefined;

  constructor(private readonly rate: number | undefined) {}

  start(view: MigrationView): Decision {
    return { action: 'switch-over', bytes: view.ramBytes, finalSync: false };
  }

  roundEnded(): Decision {
    return { action: 'give-up', reason: 'stop-and-copy has no rounds' };
  }

  get rateBytesPerSec(): number | undefined {
    return this.rate;
  }
}

export const stopAndCopy: MigrationAlgorithm = {
  name: 'stop-and-copy',
  create: (options) =>
    new StopAndCopy(typeof options.maxBandwidthBytesPerSec === 'number' ? options.maxBandwidthBytesPerSec : undefined),
};
