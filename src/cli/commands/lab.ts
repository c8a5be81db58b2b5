// `livemig lab build` (build or reuse the lab guest, say which QEMU and accelerator would run it) and `livemig lab
// migrate` (one real live migration between two QEMU processes, summarised and written as a report folder).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  InputError,
  type LabBuildReport,
  labBuild,
  labMigrate,
  labMigrationReport,
  type RealMigrationResult,
  readableBytes,
  readableSeconds,
  writeReport,
} from '../../index.ts';
import { parseArgs, usageIssue } from '../args.ts';
import type { Io } from '../io.ts';
import type { Command } from '../main.ts';
import { table } from '../table.ts';
import { LAB_MIGRATE_FLAGS, labMigrateOptions } from './lab-options.ts';

const BUILD_FLAGS = {
  'kernel-abi': { value: true, description: 'Debian kernel ABI to use (default: the current cloud kernel)' },
  out: { value: true, description: 'where to build and cache the guest (default lab/out/)' },
};

export const labCommand: Command = {
  name: 'lab',
  summary: 'real QEMU: build the lab guest (lab build), run one real live migration (lab migrate)',
  usage: [
    'Usage: livemig lab build [--kernel-abi ABI] [--out DIR]',
    '       livemig lab migrate [options]',
    '',
    'lab build: builds (or reuses) the lab guest (Debian cloud kernel, busybox, the dirtier) and says which QEMU',
    'and accelerator would run it. Needs bash lab/install-deps.sh once (QEMU, busybox-static, gcc).',
    '',
    'lab migrate: boots the guest in one QEMU, migrates it to a second one over loopback, checks its memory on',
    'the destination and writes a report folder (report.html, report.json, CSVs, trace.paje). Times are seconds',
    'since migrate was sent; exit 1 when the migration did not complete. Options, as in scenario files:',
    ...Object.entries(LAB_MIGRATE_FLAGS).map(([name, spec]) => {
      const flag = spec.value ? `--${name} ${valueName(name)}` : `--${name}`;
      return `  ${flag.padEnd(28)} ${spec.description}`;
    }),
  ].join('\n'),
  async run(argv: readonly string[], io: Io): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'build') return build(rest, io);
    if (sub === 'migrate') return migrate(rest, io);
    throw new InputError('Bad arguments for "livemig lab":', [
      usageIssue(
        sub === undefined ? 'say what to do' : `unknown lab command "${sub}"`,
        'livemig lab build, or livemig lab migrate',
      ),
    ]);
  },
};

function valueName(flag: string): string {
  if (/rate|bandwidth/.test(flag)) return 'RATE';
  if (flag === 'ram' || flag === 'working-set') return 'SIZE';
  if (flag === 'out') return 'DIR';
  return flag.endsWith('rounds') ? 'N' : 'TIME';
}

async function build(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, BUILD_FLAGS, 'lab build');
  if (args.positionals.length > 0) {
    throw new InputError('Bad arguments for "livemig lab build":', [
      usageIssue('it takes no file', 'livemig lab build'),
    ]);
  }
  const abi = args.flags.get('kernel-abi');
  const out = args.flags.get('out');
  const report = await labBuild({
    ...(typeof abi === 'string' ? { kernelAbi: abi } : {}),
    ...(typeof out === 'string' ? { outDir: resolve(io.cwd, out) } : {}),
  });
  io.out(describeBuild(report));
  return 0;
}

export function describeBuild(report: LabBuildReport): string {
  const { guest, qemu, accelerator } = report;
  return [
    `Lab guest ready (kernel ${guest.kernelAbi}, sources ${guest.sourcesHash.slice(0, 12)}):`,
    `  kernel     ${guest.kernelPath}`,
    `  initramfs  ${guest.initrdPath}`,
    qemu === undefined
      ? `QEMU: not usable: ${report.qemuProblem ?? 'not found'}`
      : `QEMU: ${qemu.versionText.split('\n')[0]} (${qemu.binary})`,
    `Accelerator: ${accelerator.accel} (${accelerator.reason})`,
  ].join('\n');
}

async function migrate(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, LAB_MIGRATE_FLAGS, 'lab migrate');
  if (args.positionals.length > 0) {
    throw new InputError('Bad arguments for "livemig lab migrate":', [
      usageIssue(
        `unexpected "${args.positionals[0]}"`,
        'livemig lab migrate --dirty-rate 10MiB/s --max-bandwidth 32MiB/s',
      ),
    ]);
  }
  const options = labMigrateOptions(args);
  const outFlag = args.flags.get('out');
  const outDir = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : 'out/lab-migrate');
  const logDir = args.flags.has('keep-logs') ? resolve(outDir, 'logs') : undefined;
  if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
  const result = await labMigrate({ ...options, ...(logDir === undefined ? {} : { logDir }) });
  const files = writeReport(labMigrationReport(result), outDir);
  if (args.flags.has('json')) io.out(JSON.stringify(result, null, 2));
  else
    io.out(
      `${migrationSummary(result)}\n\nWrote ${files.length} files to ${outDir}; open ${resolve(outDir, 'report.html')}`,
    );
  if (result.outcome === 'completed') return 0;
  io.err(`error: ${result.error ?? `the migration ${result.outcome}`}`);
  return 1;
}

export function migrationSummary(result: RealMigrationResult): string {
  const stats = result.stats;
  const ms = (sec: number | undefined) => (sec === undefined ? '-' : readableSeconds(sec));
  const achieved = result.guest.achievedDirtyRatePagesPerSec;
  const asked = result.guest.dirtyRatePagesPerSec;
  const row = [
    result.vm,
    result.outcome ?? '-',
    result.durationSec === undefined ? '-' : readableSeconds(result.durationSec),
    ms(result.downtimeSec),
    ms(stats.setupTimeSec),
    String(stats.dirtySyncCount),
    readableBytes(result.bytesSent),
    stats.postcopyBytes > 0 ? readableBytes(stats.postcopyBytes) : '-',
    result.guest.destination?.verdict ?? '-',
  ];
  return [
    `Real migration on ${result.qemu.versionText.split('\n')[0]}, accelerator ${result.qemu.accel} (livemig lab build says why).`,
    `Guest: ${result.guest.workingSetMiB} MiB working set, writer asked ${asked < 0 ? 'max' : `${asked} pages/s`}, ` +
      `did ${achieved === undefined ? '?' : `${Math.round(achieved)} pages/s`}; booted in ${readableSeconds(result.guest.bootSec)}.`,
    `Status: ${stats.qemuStatusHistory.map((change) => change.status).join(' > ')}.`,
    '',
    table(['vm', 'outcome', 'total', 'downtime', 'setup', 'syncs', 'sent', 'post-copy', 'memory check'], [row]),
  ].join('\n');
}
