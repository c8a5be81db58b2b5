// The unit tables of SimGrid 3.32 (xbt_parse_units.cpp), built the same way so that every factor is the very same
// double (prefix factors are multiplied in turn, 1000·1000·…), plus the extra `…/s` spellings accepted in scenarios.

export type QuantityName = 'speed' | 'bandwidth' | 'time' | 'size';

export interface Quantity {
  readonly name: QuantityName;
  /** SimGrid's own units (platform XML). */
  readonly simgrid: ReadonlyMap<string, number>;
  /** SimGrid's units plus the scenario-file spellings. */
  readonly extended: ReadonlyMap<string, number>;
  readonly defaultUnit: string;
  /** SimGrid's advice for unit-less values. */
  readonly advice: string;
  readonly accepted: string;
  readonly example: string;
}

const DECIMAL = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const DECIMAL_WORDS = ['kilo', 'mega', 'giga', 'tera', 'peta', 'exa', 'zeta', 'yotta'];
const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

type Generator = [unit: string, value: number, base: 2 | 10, prefixes: readonly string[]];

/** Like SimGrid's unit_scale: the unit itself, then each prefix with the factor multiplied once more; first wins. */
function scale(generators: readonly Generator[], into = new Map<string, number>()): Map<string, number> {
  for (const [unit, value, base, prefixes] of generators) {
    const factor = base === 2 ? 1024 : 1000;
    if (!into.has(unit)) into.set(unit, value);
    let multiplied = value;
    for (const prefix of prefixes) {
      multiplied *= factor;
      if (!into.has(prefix + unit)) into.set(prefix + unit, multiplied);
    }
  }
  return into;
}

function bytesAndBits(bytes: string, bits: string): Generator[] {
  return [
    [bits, 0.125, 2, BINARY],
    [bits, 0.125, 10, DECIMAL],
    [bytes, 1, 2, BINARY],
    [bytes, 1, 10, DECIMAL],
  ];
}

const speed = scale([
  ['f', 1, 10, DECIMAL],
  ['flops', 1, 10, DECIMAL_WORDS],
]);
const bandwidth = scale(bytesAndBits('Bps', 'bps'));
const time = new Map<string, number>([
  ['w', 7 * 24 * 60 * 60],
  ['d', 24 * 60 * 60],
  ['h', 60 * 60],
  ['m', 60],
  ['s', 1],
  ['ms', 1e-3],
  ['us', 1e-6],
  ['ns', 1e-9],
  ['ps', 1e-12],
]);
const size = scale(bytesAndBits('B', 'b'));

export const QUANTITIES: Readonly<Record<QuantityName, Quantity>> = {
  speed: {
    name: 'speed',
    simgrid: speed,
    extended: scale(
      [
        ['flops', 1, 10, DECIMAL],
        ['flop/s', 1, 10, DECIMAL],
      ],
      new Map(speed),
    ),
    defaultUnit: 'f',
    advice: "Append 'f' or 'flops' to your speed to get flop per second",
    accepted: 'f, kf, Mf, Gf, Tf, Pf, Ef, Zf, Yf (×1000 each), or flops, kiloflops, megaflops, gigaflops…',
    example: '98.095Mf',
  },
  bandwidth: {
    name: 'bandwidth',
    simgrid: bandwidth,
    extended: scale([...bytesAndBits('B/s', 'bit/s')], new Map(bandwidth)),
    defaultUnit: 'Bps',
    advice: "Append 'Bps' to get bytes per second (or 'bps' for bits but 1Bps = 8bps)",
    accepted:
      'Bps, kBps, MBps, GBps, TBps… (bytes/s, ×1000), KiBps, MiBps, GiBps… (×1024), ' +
      'bps, kbps, Mbps, Gbps… or Kibps, Mibps… (bits/s)',
    example: '125MBps',
  },
  time: {
    name: 'time',
    simgrid: time,
    extended: new Map([...time, ['min', 60]]),
    defaultUnit: 's',
    advice: "Append 's' to your time to get seconds",
    accepted: 'w, d, h, m (or min), s, ms, us, ns, ps',
    example: '50us',
  },
  size: {
    name: 'size',
    simgrid: size,
    extended: size,
    defaultUnit: 'B',
    advice: "Append 'B' to get bytes (or 'b' for bits but 1B = 8b)",
    accepted: 'B, kB, MB, GB, TB… (×1000), KiB, MiB, GiB, TiB… (×1024), or bits: b, kb, Mb, Kib, Mib…',
    example: '1GiB',
  },
};
