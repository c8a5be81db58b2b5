// Synthetic utilization traces in PlanetLab's shape, and a fit of their parameters to real traces. A VM's
// utilization at step k (time t = k·interval) is
//   u_k = clamp(μ_v · (1 + A·cos(2π(t − peak_v)/day)) + e_k + b_k, 0, 1)
// with μ_v the VM's mean (uniform in mean·(1 ± spread)), A the diurnal amplitude, peak_v the daily peak (peakHour ±
// 1 h per VM), e_k an AR(1) noise e_k = φ·e_{k−1} + √(1−φ²)·σ·z_k (z standard normal: stationary σ, lag-1
// autocorrelation φ), and b_k a burst: with probability `burstProbability` per step a burst of height
// `burstHeight` starts and lasts 1 to `burstMaxSteps` steps. All draws come from the seeded generator.
import type { Random } from '../core/index.ts';

export interface WorkloadModel {
  /** Mean utilization over VMs (0..1). */
  mean: number;
  /** Relative half-width of the VMs' means around `mean` (0..1). */
  spread: number;
  /** Relative amplitude of the day/night swing. */
  diurnalAmplitude: number;
  /** Hour of the daily peak (0..24). */
  peakHour: number;
  /** Standard deviation of the noise (utilization, 0..1). */
  noise: number;
  /** Lag-1 autocorrelation of the noise (0..1). */
  autocorrelation: number;
  burstProbability: number;
  burstHeight: number;
  burstMaxSteps: number;
}

/** Defaults chosen to resemble the PlanetLab traces CloudSim ships (mean ≈ 25 %, strong day/night swing). */
export const DEFAULT_WORKLOAD_MODEL: WorkloadModel = {
  mean: 0.25,
  spread: 0.6,
  diurnalAmplitude: 0.5,
  peakHour: 14,
  noise: 0.08,
  autocorrelation: 0.8,
  burstProbability: 0.01,
  burstHeight: 0.4,
  burstMaxSteps: 6,
};

const DAY = 86400;

/** `steps` utilizations (0..1) of one VM. */
export function generateTrace(model: WorkloadModel, steps: number, intervalSec: number, random: Random): number[] {
  const vmMean = model.mean * (1 + model.spread * (2 * random.next() - 1));
  const peak = (model.peakHour + random.uniform(-1, 1)) * 3600;
  const phi = Math.min(Math.max(model.autocorrelation, 0), 0.999);
  let noise = model.noise * normal(random);
  let burstLeft = 0;
  const values: number[] = [];
  for (let k = 0; k < steps; k++) {
    const t = k * intervalSec;
    if (k > 0) noise = phi * noise + Math.sqrt(1 - phi * phi) * model.noise * normal(random);
    if (burstLeft === 0 && random.next() < model.burstProbability) burstLeft = random.int(1, model.burstMaxSteps);
    const burst = burstLeft > 0 ? model.burstHeight : 0;
    if (burstLeft > 0) burstLeft--;
    const diurnal = 1 + model.diurnalAmplitude * Math.cos((2 * Math.PI * (t - peak)) / DAY);
    values.push(Math.min(1, Math.max(0, vmMean * diurnal + noise + burst)));
  }
  return values;
}

/** Traces of `vms` VMs, each from its own stream forked off `random`. */
export function generateTraces(
  model: WorkloadModel,
  vms: number,
  steps: number,
  intervalSec: number,
  random: Random,
): number[][] {
  return Array.from({ length: vms }, () => generateTrace(model, steps, intervalSec, random.fork()));
}

/** PlanetLab text: one integer percentage per line. */
export function planetLabText(values: readonly number[]): string {
  return `${values.map((v) => String(Math.round(v * 100))).join('\n')}\n`;
}

/** The model whose traces resemble `traces` (utilizations 0..1, `intervalSec` apart): mean and spread of the
 * VMs' means, the mean day profile's swing and peak, the noise's deviation and lag-1 autocorrelation around each
 * VM's day profile. Bursts are not told apart from noise: the fit has none. */
export function fitWorkloadModel(traces: readonly (readonly number[])[], intervalSec: number): WorkloadModel {
  const usable = traces.filter((t) => t.length > 1);
  if (usable.length === 0) return { ...DEFAULT_WORKLOAD_MODEL };
  const means = usable.map(average);
  const mean = average(means);
  // Uniform on mean·(1 ± s) has standard deviation mean·s/√3.
  const spread = mean > 0 ? Math.min(1, (standardDeviation(means) * Math.sqrt(3)) / mean) : 0;
  const perDay = Math.max(1, Math.round(DAY / intervalSec));
  const profile = new Array<number>(perDay).fill(0);
  const counts = new Array<number>(perDay).fill(0);
  usable.forEach((trace, v) => {
    trace.forEach((u, k) => {
      profile[k % perDay] = (profile[k % perDay] as number) + u / ((means[v] as number) || 1);
      counts[k % perDay] = (counts[k % perDay] as number) + 1;
    });
  });
  const shape = profile.map((sum, i) => sum / Math.max(1, counts[i] as number));
  // First Fourier coefficient of the day shape: amplitude and phase of its cosine.
  let re = 0;
  let im = 0;
  shape.forEach((value, i) => {
    const angle = (2 * Math.PI * i) / perDay;
    re += value * Math.cos(angle);
    im += value * Math.sin(angle);
  });
  const diurnalAmplitude = (2 * Math.hypot(re, im)) / perDay / Math.max(1e-9, average(shape));
  const peakHour = ((((Math.atan2(im, re) / (2 * Math.PI)) * 24) % 24) + 24) % 24;
  const residuals = usable.map((trace, v) =>
    trace.map((u, k) => u - (means[v] as number) * (shape[k % perDay] as number)),
  );
  const noise = Math.sqrt(average(residuals.map((r) => average(r.map((x) => x * x)))));
  const autocorrelation = Math.max(0, Math.min(0.99, average(residuals.map(lagOneAutocorrelation))));
  return {
    mean,
    spread,
    diurnalAmplitude: Math.min(1, diurnalAmplitude),
    peakHour,
    noise,
    autocorrelation,
    burstProbability: 0,
    burstHeight: 0,
    burstMaxSteps: 1,
  };
}

export function lagOneAutocorrelation(values: readonly number[]): number {
  const m = average(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    denominator += d * d;
    if (i > 0) numerator += d * ((values[i - 1] as number) - m);
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function standardDeviation(values: readonly number[]): number {
  const m = average(values);
  return Math.sqrt(average(values.map((v) => (v - m) ** 2)));
}

/** A standard normal draw (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}
