// A stable LSD radix sort of float64 keys that returns the permutation (indices in key order, ties in index
// order). It costs a few linear passes where a comparison sort of a million keys costs twenty comparisons each.

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/** 64 bits in six digits of 11, 11, 10 (low word) and 11, 11, 10 (high word). */
const DIGITS: ReadonlyArray<readonly [word: 0 | 1, shift: number, mask: number]> = [
  [0, 0, DIGIT_MASK],
  [0, 11, DIGIT_MASK],
  [0, 22, 0x3ff],
  [1, 0, DIGIT_MASK],
  [1, 11, DIGIT_MASK],
  [1, 22, 0x3ff],
];

/** Indices 0..n-1 ordered by `keys` ascending (-0 before +0, NaN last); equal keys keep their index order. */
export function sortIndicesByDate(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const words = sortableWords(keys);
  const counts = new Uint32Array(BUCKETS * DIGITS.length);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i] as number;
    const high = words[2 * i + 1] as number;
    bump(counts, low & DIGIT_MASK);
    bump(counts, BUCKETS + ((low >>> 11) & DIGIT_MASK));
    bump(counts, 2 * BUCKETS + (low >>> 22));
    bump(counts, 3 * BUCKETS + (high & DIGIT_MASK));
    bump(counts, 4 * BUCKETS + ((high >>> 11) & DIGIT_MASK));
    bump(counts, 5 * BUCKETS + (high >>> 22));
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  for (let d = 0; d < DIGITS.length; d++) {
    const [word, shift, mask] = DIGITS[d] as readonly [0 | 1, number, number];
    const base = d * BUCKETS;
    // A digit that is the same for every key leaves the order as it is.
    if (n === 0 || counts[base + (((words[word] as number) >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b] as number;
      counts[base + b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i] as number;
      const bucket = base + (((words[2 * index + word] as number) >>> shift) & mask);
      next[counts[bucket] as number] = index;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
}

function bump(counts: Uint32Array, index: number): void {
  counts[index] = (counts[index] as number) + 1;
}

/** The keys' bit patterns as unsigned (low, high) word pairs whose unsigned order is the keys' numeric order. */
function sortableWords(keys: Float64Array): Uint32Array {
  const words = new Uint32Array(keys.buffer.slice(keys.byteOffset, keys.byteOffset + keys.byteLength));
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (let i = 0; i < keys.length; i++) {
    let low = words[2 * i] as number;
    let high = words[2 * i + 1] as number;
    if (!littleEndian) [low, high] = [high, low];
    if (high & 0x80000000) {
      low = ~low >>> 0;
      high = ~high >>> 0;
    } else {
      high = (high | 0x80000000) >>> 0;
    }
    words[2 * i] = low;
    words[2 * i + 1] = high;
  }
  return words;
}
