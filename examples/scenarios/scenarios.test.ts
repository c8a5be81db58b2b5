// Every example scenario runs, and its results are the ones saved beside it (expected.txt): any change of the
// models shows up here. Regenerate after an intended change with LIVEMIG_UPDATE_EXPECTED=1 npm test.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatFixed, loadScenario, type RunReport, runScenario } from '../../src/index.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'platforms')
  .map((entry) => entry.name)
  .sort();

/** The results that matter, one line each, numbers to the microsecond. */
export function digest(report: RunReport): string {
  const f = (x: number | undefined) => (x === undefined ? '-' : formatFixed(x, 6));
  const lines = [`end ${f(report.endTime)}`];
  for (const m of report.migrations) {
    lines.push(
      `migration ${m.vm} ${m.from}->${m.to} ${m.algorithm} ${m.outcome} start ${f(m.start)} duration ${f(m.durationSec)} ` +
        `downtime ${f(m.downtimeSec)} rounds ${m.rounds.length} bytes ${Math.round(m.bytesSent)}`,
    );
  }
  for (const m of report.migrations) {
    const p = m.protocol;
    if (p === undefined) continue;
    const phases = p.phases.map(
      (x) => `${x.phase}${x.cancelled ? '(cancelled)' : ''}:${x.ok === true ? 'ok' : 'failed'}`,
    );
    const features = p.features.map((x) => `${x.name}:${x.outcome}+${f(x.extraDowntimeSec)}`);
    lines.push(
      `protocol ${m.vm} ${phases.join(' ')} handover ${f(p.jobStats?.handoverSec)} features ${features.join(' ')} ` +
        `messages ${p.messages.length}${p.failedPhase === undefined ? '' : ` failed-in ${p.failedPhase} (${p.reason})`}`,
    );
  }
  for (const vm of report.vms) lines.push(`vm ${vm.name} on ${vm.host} ${vm.state}`);
  for (const e of report.stepErrors) lines.push(`failed ${f(e.time)} ${e.actor} ${e.code}`);
  for (const h of report.hosts) if (h.energyJ > 0) lines.push(`energy ${h.name} ${formatFixed(h.energyJ, 3)} J`);
  const c = report.consolidation;
  if (c !== undefined) {
    lines.push(
      `consolidation ${c.policy} energy ${formatFixed(c.energyJoules, 3)} J slatah ${formatFixed(c.slatah, 9)} ` +
        `pdm ${formatFixed(c.pdm, 12)} migrations ${c.migrations} off ${c.hostsSwitchedOff} on ${c.hostsSwitchedOn}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

for (const name of names) {
  test(`example scenario ${name} runs and gives its saved results`, async () => {
    const { report } = await runScenario(loadScenario(`${here}${name}/scenario.yaml`));
    const got = digest(report);
    const file = `${here}${name}/expected.txt`;
    if (process.env.LIVEMIG_UPDATE_EXPECTED === '1') writeFileSync(file, got);
    assert.equal(got, readFileSync(file, 'utf8'));
  });
}
