// C printf-style number formatting (%f, %e, %g), so that logs and CSVs read exactly like SimGrid's.

/** `%.<digits>f`, optionally right-aligned in `width` characters (`%10.6f`). */
export function formatFixed(value: number, digits: number, width = 0): string {
  const text = Number.isFinite(value) ? fixed(value, digits) : nonFinite(value);
  return text.padStart(width);
}

/** `%.<digits>e`: mantissa with `digits` decimals and an exponent of at least two digits (`1.000000e+06`). */
export function formatExponential(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const [mantissa, exponent] = splitExponential(value.toExponential(digits));
  return `${mantissa}e${exponent}`;
}

/** `%.<precision>g` as C prints it: shortest of %e/%f forms, trailing zeros removed (`9.23704e+08`, `0.0131068`). */
export function formatG(value: number, precision = 6): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const p = precision === 0 ? 1 : precision;
  const [mantissa, exponentText] = splitExponential(value.toExponential(p - 1));
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < p) return stripZeros(fixed(value, p - 1 - exponent));
  return `${stripZeros(mantissa)}e${exponentText}`;
}

function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  // toFixed switches to exponential notation from 1e21 on; C never does.
  if (!text.includes('e')) return text;
  const whole = BigInt(Math.trunc(value)).toString();
  return digits > 0 ? `${whole}.${'0'.repeat(digits)}` : whole;
}

function splitExponential(text: string): [string, string] {
  const at = text.indexOf('e');
  const mantissa = text.slice(0, at);
  const sign = text[at + 1] === '-' ? '-' : '+';
  const digits = text.slice(at + 2).padStart(2, '0');
  return [mantissa, `${sign}${digits}`];
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/\.?0+$/, '');
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}
