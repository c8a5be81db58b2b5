// The machine livemig runs on, for the records of measurements (benchmarks, validation against real QEMU).
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface HostMachine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  /** PRETTY_NAME of /etc/os-release, else the platform's name. */
  os: string;
}

export function hostMachine(): HostMachine {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: (cores[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryBytes: totalmem(),
    os: osName(),
  };
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}
