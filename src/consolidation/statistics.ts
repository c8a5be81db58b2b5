// Statistics the overload detectors and the selection policies need: median, quartiles, median absolute deviation,
// (robust) local linear regression with tricube weights, and the multiple correlation coefficient.

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile with linear interpolation between order statistics (type 7, the default of R and NumPy). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (position - low);
}

/** Inter-quartile range Q3 − Q1. */
export function interQuartileRange(values: readonly number[]): number {
  return quantile(values, 0.75) - quantile(values, 0.25);
}

/** Median absolute deviation: median of |x − median(x)|. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** A line y = intercept + slope·x. */
export interface Line {
  intercept: number;
  slope: number;
}

/** Weighted least squares of y on x = 1 … n. */
export function weightedLine(y: readonly number[], weights: readonly number[]): Line {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    sw += w;
    sx += w * (i + 1);
    sy += w * (y[i] as number);
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    const dx = i + 1 - mx;
    sxx += w * dx * dx;
    sxy += w * dx * ((y[i] as number) - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** Tricube weights (1 − d³)³ of points x = 1 … n around the newest point x = n, with d = (n − x)/n: the newest
 * observation weighs 1, the oldest (1 − ((n − 1)/n)³)³. */
export function tricubeWeights(n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const d = (n - 1 - i) / n;
    return (1 - d * d * d) ** 3;
  });
}

/** Local regression (Loess, Cleveland 1979) of the series, fitted around its newest point. */
export function localRegression(y: readonly number[]): Line {
  return weightedLine(y, tricubeWeights(y.length));
}

/** Robust local regression: the Loess fit re-weighted twice by the bisquare of its residuals (u = r / 6·median|r|),
 * so that a burst does not drag the line. */
export function robustLocalRegression(y: readonly number[]): Line {
  const base = tricubeWeights(y.length);
  let line = weightedLine(y, base);
  for (let iteration = 0; iteration < 2; iteration++) {
    const residuals = y.map((v, i) => v - (line.intercept + line.slope * (i + 1)));
    const scale = 6 * median(residuals.map(Math.abs));
    if (scale === 0) break;
    const weights = base.map((w, i) => {
      const u = (residuals[i] as number) / scale;
      return Math.abs(u) < 1 ? w * (1 - u * u) ** 2 : 0;
    });
    if (weights.every((w) => w === 0)) break;
    line = weightedLine(y, weights);
  }
  return line;
}

/** R² of the least-squares regression of `y` on the `xs` series (with an intercept): the squared multiple
 * correlation coefficient. NaN when there are fewer observations than unknowns or the system is singular. */
export function multipleCorrelation(y: readonly number[], xs: readonly (readonly number[])[]): number {
  const n = y.length;
  const k = xs.length + 1;
  if (n <= k) return Number.NaN;
  // Normal equations (XᵀX) b = Xᵀy, X = [1, x1, …].
  const row = (t: number) => [1, ...xs.map((x) => x[t] as number)];
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let t = 0; t < n; t++) {
    const r = row(t);
    for (let i = 0; i < k; i++) {
      const line = a[i] as number[];
      for (let j = 0; j < k; j++) line[j] = (line[j] as number) + (r[i] as number) * (r[j] as number);
      line[k] = (line[k] as number) + (r[i] as number) * (y[t] as number);
    }
  }
  const b = solve(a);
  if (b === undefined) return Number.NaN;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  let total = 0;
  let residual = 0;
  for (let t = 0; t < n; t++) {
    const r = row(t);
    const fit = r.reduce((s, v, i) => s + v * (b[i] as number), 0);
    total += ((y[t] as number) - mean) ** 2;
    residual += ((y[t] as number) - fit) ** 2;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

/** Gaussian elimination with partial pivoting on an augmented matrix; undefined when singular. */
function solve(a: number[][]): number[] | undefined {
  const k = a.length;
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]?.[c] as number) > Math.abs(a[pivot]?.[c] as number)) pivot = r;
    if (Math.abs(a[pivot]?.[c] as number) < 1e-12) return undefined;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const top = a[c] as number[];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const line = a[r] as number[];
      const f = (line[c] as number) / (top[c] as number);
      for (let j = c; j <= k; j++) line[j] = (line[j] as number) - f * (top[j] as number);
    }
  }
  return a.map((line, i) => (line[k] as number) / (line[i] as number));
}
