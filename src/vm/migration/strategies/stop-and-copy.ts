// Cold migration: the VM stops at once and its whole memory is copied before it resumes on the destination, at
// `maxBandwidthBytesPerSec` when given (0 = none; without it, the VM's migration speed).
import { schema as s } from '../../../core/index.ts';
import { algorithmOptions } from '../option-schema.ts';
import type { Decision, MigrationAlgorithm, MigrationStrategy, MigrationView } from '../strategy.ts';

export const stopAndCopyOptions = algorithmOptions('stop-and-copy', {
  maxBandwidthBytesPerSec: s.optional(
    s.number({ min: 0 }).describe("Cap of the copy, bytes/s (0 = none; default: the VM's migration speed)."),
  ),
});
export type StopAndCopyInput = s.Infer<typeof stopAndCopyOptions>;

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

export const stopAndCopy: MigrationAlgorithm<StopAndCopyInput> = {
  name: 'stop-and-copy',
  options: stopAndCopyOptions,
  create: (options) => new StopAndCopy(options.maxBandwidthBytesPerSec),
};
