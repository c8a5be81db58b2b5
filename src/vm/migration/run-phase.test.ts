// The run's table, phase × event, exhaustively: a second spelling of where each event leads and what a failure does
// to the VM (so that a change of the table is a change of this test too), and the rules every cell must keep — a
// run ends once, final phases absorb everything, a cancel is refused exactly when the VM may run on the destination
// with pages on the source, and every phase can reach an end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FINAL_PHASES,
  hasLanded,
  postCopyStarted,
  RUN_EVENTS,
  RUN_PHASES,
  type RunPhase,
  runTransition,
  type VmFate,
} from './run-phase.ts';

/** Where each event leads, phase by phase, in the event order of RUN_EVENTS:
 * pause, post-copy, delivered, source-lost, resume, pages-arrived, complete, fail, cancel ('·' = stays). */
const EXPECTED: Record<RunPhase, string> = {
  'pre-copy': 'stopped · · · · · · failed failed',
  stopped: '· post-copy-ready delivered · · · · failed failed',
  'post-copy-ready': '· · post-copy-delivered · · · · failed ·',
  delivered: '· · · held landed · · failed failed',
  'post-copy-delivered': '· · · · post-copy · · failed ·',
  held: '· · · · held-landed · · failed failed',
  'post-copy': '· · · · · post-copy-landed · failed ·',
  landed: '· · · · · · completed failed ·',
  'post-copy-landed': '· · · · · · completed failed ·',
  'held-landed': '· · · · · · completed failed ·',
  completed: '· · · · · · · · ·',
  failed: '· · · · · · · · ·',
};

/** What a failure in each (non-final) phase does to the VM. */
const FATE: Partial<Record<RunPhase, VmFate>> = {
  'pre-copy': 'resume-on-source',
  stopped: 'resume-on-source',
  'post-copy-ready': 'resume-on-source',
  delivered: 'hold-on-source',
  'post-copy-delivered': 'hold-on-source',
  held: 'destroy',
  'post-copy': 'destroy',
  landed: 'keep',
  'post-copy-landed': 'destroy',
  'held-landed': 'destroy',
};

/** Phases where the operator's cancel is refused. */
const NO_CANCEL: RunPhase[] = [
  'post-copy-ready',
  'post-copy-delivered',
  'post-copy',
  'landed',
  'post-copy-landed',
  'held-landed',
];

const cells = RUN_PHASES.flatMap((phase) => RUN_EVENTS.map((event) => [phase, event] as const));
const isFinal = (phase: RunPhase) => FINAL_PHASES.includes(phase);

test('every phase answers every event, and each leads where the second spelling of the table says', () => {
  assert.equal(cells.length, 12 * 9);
  for (const [phase, event] of cells) {
    const expected = EXPECTED[phase].split(' ')[RUN_EVENTS.indexOf(event)];
    assert.equal(runTransition(phase, event).to, expected === '·' ? phase : expected, `${phase} + ${event}`);
  }
});

test('a run ends once: a fail effect exactly when it moves to failed, a complete effect exactly to completed', () => {
  for (const [phase, event] of cells) {
    const { to, effects } = runTransition(phase, event);
    const fails = effects.filter((e) => e.type === 'fail');
    const completes = effects.filter((e) => e.type === 'complete');
    const ends = to !== phase && isFinal(to);
    assert.equal(fails.length, ends && to === 'failed' ? 1 : 0, `${phase} + ${event}`);
    assert.equal(completes.length, ends && to === 'completed' ? 1 : 0, `${phase} + ${event}`);
  }
});

test('a failure meets the VM with the fate of the phase it happened in', () => {
  for (const phase of RUN_PHASES) {
    const effects = runTransition(phase, 'fail').effects;
    if (isFinal(phase)) {
      assert.deepEqual(effects, [], phase);
      continue;
    }
    assert.deepEqual(effects, [{ type: 'fail', vm: FATE[phase] }], phase);
  }
});

test('a cancel is refused while the VM runs, or may run, on the destination; elsewhere it fails the run', () => {
  for (const phase of RUN_PHASES) {
    const { to, effects } = runTransition(phase, 'cancel');
    if (isFinal(phase)) assert.deepEqual([to, effects], [phase, []], phase);
    else if (NO_CANCEL.includes(phase)) assert.deepEqual([to, effects], [phase, [{ type: 'refuse-cancel' }]], phase);
    else assert.deepEqual(effects, runTransition(phase, 'fail').effects, phase);
  }
});

test('only a VM waiting at the destination for its hook survives the loss of its source, moving there', () => {
  for (const phase of RUN_PHASES) {
    const effects = runTransition(phase, 'source-lost').effects;
    const kept = phase === 'delivered' || phase === 'held';
    assert.deepEqual(effects, kept ? [{ type: 'move-to-destination' }] : [], phase);
  }
});

test('final phases absorb everything; the other events than fail, cancel and source-lost have no effect', () => {
  for (const [phase, event] of cells) {
    const { to, effects } = runTransition(phase, event);
    if (isFinal(phase)) assert.deepEqual([to, effects], [phase, []], `${phase} + ${event}`);
    if (event !== 'fail' && event !== 'cancel' && event !== 'source-lost' && event !== 'complete')
      assert.deepEqual(effects, [], `${phase} + ${event}`);
  }
});

test('the predicates agree with the table: landed phases complete, post-copy phases lose the VM on failure', () => {
  for (const phase of RUN_PHASES) {
    assert.equal(hasLanded(phase), runTransition(phase, 'complete').to === 'completed' && !isFinal(phase), phase);
    if (postCopyStarted(phase)) assert.equal(FATE[phase], 'destroy', phase);
  }
  assert.deepEqual(
    RUN_PHASES.filter((p) => postCopyStarted(p)),
    ['post-copy', 'post-copy-landed'],
  );
});

test('from pre-copy, every phase is reachable, both ends are, and no phase is a dead end', () => {
  const reach = (from: RunPhase): Set<RunPhase> => {
    const seen = new Set<RunPhase>([from]);
    for (const phase of seen) for (const event of RUN_EVENTS) seen.add(runTransition(phase, event).to);
    return seen;
  };
  assert.deepEqual(
    RUN_PHASES.filter((p) => !reach('pre-copy').has(p)),
    [],
  );
  for (const phase of RUN_PHASES) assert.ok(reach(phase).has('completed') || isFinal(phase), `${phase} can complete`);
  for (const phase of RUN_PHASES) assert.ok(reach(phase).has('failed') || isFinal(phase), `${phase} can fail`);
  for (const end of FINAL_PHASES) assert.deepEqual([...reach(end)], [end]);
});
