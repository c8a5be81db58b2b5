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
  qemuRunner,
  type RealMigrationResult,
  readableBytes,
  readableSeconds,
  writeReport,
} from '../../index.ts';
import { type FlagSpecs, type ParsedArgs, stringFlag, usageIssue } from '../args.ts';
import type { CommandGroup } from '../command.ts';
import type { Io } from '../io.ts';
import { table } from '../table.ts';
import { LAB_MIGRATE_FLAGS, labMigrateOptions } from './lab-options.ts';

const BUILD_FLAGS: FlagSpecs = {
  'kernel-abi': {
    value: true,
    valueName: 'ABI',
    description: 'Debian kernel ABI to use (default: the current cloud kernel)',
  },
  out: {
    value: true,
    short: 'o',
    valueName: 'DIR',
    description: 'where to build and cache the guest (default lab/out/)',
  },
};

export const labCommand: CommandGroup = {
  summary: 'Real QEMU on this machine: the lab guest (lab build) and one real live migration (lab migrate).',
  subcommands: {
    build: {
      summary: 'build (or reuse) the lab guest and say which QEMU and accelerator would run it',
      arguments: '',
      flags: BUILD_FLAGS,
      notes: [
        'Builds (or reuses) the lab guest (Debian cloud kernel, busybox, the dirtier) and says which QEMU and',
        'accelerator would run it. Needs bash lab/install-deps.sh once (QEMU, busybox-static, gcc).',
      ],
      examples: ['npx livemig lab build'],
      run: build,
    },
    migrate: {
      summary: 'one real live migration between two QEMU processes, written as a report folder',
      arguments: '',
      flags: LAB_MIGRATE_FLAGS,
      notes: [
        'Boots the guest in one QEMU, migrates it to a second one over loopback, checks its memory on the',
        'destination and writes a report folder (report.html, report.json, CSVs, trace.paje). Times are seconds',
        'since migrate was sent; exit 1 when the migration did not complete. Options are written as in scenario',
        'files (docs/cli.md).',
      ],
      examples: [
        'npx livemig lab migrate --dirty-rate 24MiB/s --max-bandwidth 128MiB/s --out out/real',
        'npx livemig lab migrate --dirty-rate 50MiB/s --max-bandwidth 32MiB/s --postcopy-after 2s',
      ],
      run: migrate,
    },
  },
};

async function build(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length > 0) {
    throw new InputError('Bad arguments for "livemig lab build":', [
      usageIssue('it takes no file', 'livemig lab build'),
    ]);
  }
  const abi = stringFlag(args, 'kernel-abi');
  const out = stringFlag(args, 'out');
  const report = await labBuild({
    ...(abi === undefined ? {} : { kernelAbi: abi }),
    ...(out === undefined ? {} : { outDir: resolve(io.cwd, out) }),
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

async function migrate(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length > 0) {
    throw new InputError('Bad arguments for "livemig lab migrate":', [
      usageIssue(
        `unexpected "${args.positionals[0]}"`,
        'livemig lab migrate --dirty-rate 10MiB/s --max-bandwidth 32MiB/s',
      ),
    ]);
  }
  const options = labMigrateOptions(args);
  const outDir = resolve(io.cwd, stringFlag(args, 'out') ?? 'out/lab-migrate');
  const logDir = args.flags.has('keep-logs') ? resolve(outDir, 'logs') : undefined;
  if (logDir !== undefined) mkdirSync(logDir, { recursive: true });
  const result = await labMigrate({ ...options, ...(logDir === undefined ? {} : { logDir }) });
  const files = writeReport(labMigrationReport(result), outDir, { driverTitle: qemuRunner.title });
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
