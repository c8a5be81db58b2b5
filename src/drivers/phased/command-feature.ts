// A feature of a real phased migration whose hooks are shell commands, as libvirt's hook scripts are: the operator's
// own way to set up a port profile, a switch entry or a firewall rule on the destination, and to undo it. Each hook
// runs `/bin/sh -c <command>` with the migration in its environment (LIVEMIG_VM, LIVEMIG_FROM, LIVEMIG_TO,
// LIVEMIG_PHASE, LIVEMIG_HOOK, LIVEMIG_FEATURE); a non-zero exit, a signal or the timeout fails it.
import { spawn } from 'node:child_process';
import type { RealFeature, RealFeatureContext, RealFeatureHook } from './real-phased.ts';

export interface CommandFeatureSpec {
  name: string;
  required?: boolean;
  begin?: string;
  prepare?: string;
  commit?: string;
  rollback?: string;
  release?: string;
  /** Longest a hook may run (default 30 s): it is killed then, and fails. */
  timeoutSec?: number;
}

const DEFAULT_TIMEOUT_SEC = 30;
const HOOKS: readonly RealFeatureHook[] = ['begin', 'prepare', 'commit', 'rollback', 'release'];

export function commandFeature(spec: CommandFeatureSpec): RealFeature {
  const feature: RealFeature = { name: spec.name, required: spec.required ?? true };
  for (const hook of HOOKS) {
    const command = spec[hook];
    if (command !== undefined) {
      feature[hook] = (f: RealFeatureContext) => runHookCommand(spec.name, command, f, spec.timeoutSec);
    }
  }
  return feature;
}

/** Runs one hook's command; resolves on exit 0, rejects with what went wrong and the last line it printed. */
export function runHookCommand(
  feature: string,
  command: string,
  f: RealFeatureContext,
  timeoutSec = DEFAULT_TIMEOUT_SEC,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        LIVEMIG_VM: f.vm,
        LIVEMIG_FROM: f.from,
        LIVEMIG_TO: f.to,
        LIVEMIG_PHASE: f.phase,
        LIVEMIG_HOOK: f.hook,
        LIVEMIG_FEATURE: feature,
      },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4096);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${f.hook} hook could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const last = output.trim().split('\n').pop()?.trim();
      const why = timedOut
        ? `timed out after ${timeoutSec} s`
        : signal !== null
          ? `was killed by ${signal}`
          : `exited with ${code}`;
      reject(new Error(`${f.hook} hook \`${command}\` ${why}${last ? `: ${last}` : ''}`));
    });
  });
}
