// The files a scenario needs besides its text (a platform file, dirty-page traces), packed into a queue job so that
// a worker on another machine needs only livemig; and unpacked there into a temporary folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { readSource, type SourceNode, toPlain } from '../../scenario/index.ts';
import type { RunJob } from '../run-job.ts';

/** File contents by path relative to the scenario's folder. */
export type FileBundle = Record<string, string>;

/** The platform file and trace files a scenario names, read relative to its folder. */
export function bundleFiles(job: RunJob): FileBundle {
  const source = readSource(job.scenario.text, job.scenario.file);
  const names = new Set<string>();
  if (source.ok) collect(source.root, [], names);
  for (const { path, value } of job.combination) {
    if (typeof value === 'string' && (path === 'platform' || path.endsWith('.trace'))) names.add(value);
  }
  const bundle: FileBundle = {};
  for (const name of names) {
    try {
      bundle[name] = readFileSync(resolve(job.scenario.baseDir, name), 'utf8');
    } catch {
      // A file that cannot be read is reported by the worker's validation, as it would be here.
    }
  }
  return bundle;
}

function collect(node: SourceNode, path: string[], into: Set<string>): void {
  const value = toPlain(node);
  if (typeof value === 'string' && ((path.length === 1 && path[0] === 'platform') || path.at(-1) === 'trace')) {
    into.add(value);
  }
  if (node.kind === 'map') for (const e of node.entries) collect(e.value, [...path, e.key], into);
  if (node.kind === 'seq') for (const item of node.items) collect(item, [...path, '[]'], into);
}

/** Writes the bundle under a fresh temporary folder; returns the job as it runs there, and a clean-up function. */
export function unpack(job: RunJob, bundle: FileBundle): { job: RunJob; cleanUp: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'livemig-job-'));
  const depth = Math.max(
    0,
    ...Object.keys(bundle).map(
      (name) =>
        normalize(name)
          .split(/[\\/]/)
          .filter((s) => s === '..').length,
    ),
  );
  const folder = join(root, ...Array.from({ length: depth }, (_, i) => `d${i}`));
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(bundle)) {
    const target = resolve(folder, name);
    if (!target.startsWith(root)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const file = join(folder, basename(job.scenario.file));
  writeFileSync(file, job.scenario.text);
  return {
    job: { ...job, scenario: { ...job.scenario, file, baseDir: folder } },
    cleanUp: () => rmSync(root, { recursive: true, force: true }),
  };
}
