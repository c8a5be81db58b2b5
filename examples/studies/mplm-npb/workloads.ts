// The three NPB class C kernels of the MPLM paper as dirty-memory workloads: what they write (sizes derived from the
// arrays NPB 3.3-OMP declares), what else of the 8 GiB guest is not zero, and the dirty rates the paper measured.
import type { DirtyModelSpec } from '../../../src/index.ts';

export type WorkloadName = 'MG' | 'SP' | 'BT';
export const WORKLOAD_NAMES: readonly WorkloadName[] = ['MG', 'SP', 'BT'];

export const PAGE_BYTES = 4096;
export const GiB = 2 ** 30;
export const MiB = 2 ** 20;
const DOUBLE = 8;

export interface Workload {
  name: WorkloadName;
  /** Average dirty rate MPLM reports for it (paper, Table I), 4 KiB pages per second. */
  paperDirtyPagesPerSec: number;
  /** Bytes the kernel rewrites every iteration (its working set for the dirty model). */
  writtenBytes: number;
  /** Bytes of its arrays that are not zero but not written after initialisation. */
  readOnlyBytes: number;
  /** Where the sizes come from. */
  source: string;
}

/** MG class C (512³, lm = 9): u and r of nr doubles are rewritten by every V-cycle; v (nv doubles) is zeroed by
 * zran3 but for 20 point charges, so its pages are zero pages (NPB3.3-OMP/MG/globals.h, mg.f). */
function mg(): Workload {
  const lm = 9;
  const nm = 2 + 2 ** lm;
  const nv = nm ** 3;
  const nr = Math.trunc((nv + nm ** 2 + 5 * nm + 7 * lm + 6) / 7) * 8;
  return {
    name: 'MG',
    paperDirtyPagesPerSec: 207_636.52,
    writtenBytes: 2 * nr * DOUBLE,
    readOnlyBytes: 0,
    source: 'NPB3.3-OMP/MG/globals.h: nv = (2+2^9)^3, nr = ((nv+nm^2+5nm+7lm+6)/7)*8; u(nr), r(nr) written, v(nv) zero',
  };
}

/** Grid points of SP and BT class C (162³, first two dimensions padded to 0:162): NPB3.3-OMP/{SP,BT}/header.h. */
const CELLS = 163 * 163 * 162;

/** SP: u, rhs (5 doubles per point), us, vs, ws, qs, rho_i, speed, square (1 each) and each thread's lhs, lhsp, lhsm
 * (5 × 163 × 163) are written every step; forcing (5 per point) only by exact_rhs at start. */
function sp(threads: number): Workload {
  return {
    name: 'SP',
    paperDirtyPagesPerSec: 47_370.42,
    writtenBytes: 17 * CELLS * DOUBLE + threads * 3 * 5 * 163 * 163 * DOUBLE,
    readOnlyBytes: 5 * CELLS * DOUBLE,
    source: 'NPB3.3-OMP/SP/header.h: 17 doubles per point written + lhs/lhsp/lhsm per thread; forcing read-only',
  };
}

/** BT: u, rhs (5 per point), us, vs, ws, qs, rho_i, square (1 each) written every step; forcing read-only. */
function bt(): Workload {
  return {
    name: 'BT',
    paperDirtyPagesPerSec: 35_061.61,
    writtenBytes: 16 * CELLS * DOUBLE,
    readOnlyBytes: 5 * CELLS * DOUBLE,
    source: 'NPB3.3-OMP/BT/header.h: 16 doubles per point written; forcing read-only (per-thread work arrays < 1 MB)',
  };
}

export function workload(name: WorkloadName, threads: number): Workload {
  return name === 'MG' ? mg() : name === 'SP' ? sp(threads) : bt();
}

/** How the guest's memory is written while it migrates. */
export type WriterKind = 'cyclic' | 'random';

/** A cyclic writer (stencil sweeps: dirty bytes after t = min(r·t, W)) or random writes (W·(1 − e^(−r·t/W))), at
 * the paper's rate over the kernel's written arrays. */
export function dirtyModel(load: Workload, writer: WriterKind): DirtyModelSpec {
  const rateBytesPerSec = load.paperDirtyPagesPerSec * PAGE_BYTES;
  return { kind: writer === 'cyclic' ? 'linear' : 'rate', rateBytesPerSec, workingSetBytes: load.writtenBytes };
}

/** Share of the guest's memory made of zero pages: all but the kernel's arrays and the guest system's own memory. */
export function zeroPageRatio(load: Workload, ramBytes: number, guestSystemBytes: number): number {
  const nonZero = load.writtenBytes + load.readOnlyBytes + guestSystemBytes;
  return Math.max(0, 1 - nonZero / ramBytes);
}
