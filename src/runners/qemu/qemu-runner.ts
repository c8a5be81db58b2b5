// The runner of `driver: qemu`: what a real run cannot do is refused when the scenario is loaded (check-qemu.ts);
// the run boots lab guests and migrates them for real over QMP (real-run.ts), in wall-clock time.
import { InputError } from '../../core/index.ts';
import type { Runner, RunnerOptions } from '../runner.ts';
import { checkQemuScenario } from './check-qemu.ts';
import { type RunRealScenarioOptions, runRealScenario } from './real-run.ts';

export const qemuRunner: Runner = {
  driver: 'qemu',
  title: 'QEMU',
  simulated: false,
  check: checkQemuScenario,
  run: (scenario, options = {}) => runRealScenario(scenario, realOptions(options)),
};

function realOptions(options: RunnerOptions): RunRealScenarioOptions {
  if (options.until !== undefined) {
    throw new InputError('A real run cannot stop early:', [
      {
        code: 'invalid-argument',
        path: 'until',
        message: 'A real run (driver: qemu) has no "until": it goes on until its steps are done.',
        hint: 'Give its migrate steps a timeout.',
      },
    ]);
  }
  const { onLog, logDir, tempRoot } = options;
  return {
    ...(onLog === undefined ? {} : { onLog }),
    ...(logDir === undefined ? {} : { logDir }),
    ...(tempRoot === undefined ? {} : { tempRoot }),
  };
}
