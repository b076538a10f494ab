/** Side of the grey picture the hash is computed from; ffmpeg scales each sampled frame down to it. */
export const HASH_INPUT_SIZE = 32;
const LOW = 8;

const COSINES: Float64Array = (() => {
  const table = new Float64Array(HASH_INPUT_SIZE * HASH_INPUT_SIZE);
  for (let u = 0; u < HASH_INPUT_SIZE; u++) {
    for (let x = 0; x < HASH_INPUT_SIZE; x++)
      table[u * HASH_INPUT_SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * HASH_INPUT_SIZE));
  }
  return table;
})();

/**
 * pHash: the 8x8 lowest frequencies of a 32x32 DCT of the grey image, one bit each for above or below their
 * median. Robust to re-encoding and small changes, unlike a byte hash; distance is counted in differing bits.
 */
export function perceptualHash(grey: Uint8Array): string {
  const n = HASH_INPUT_SIZE;
  if (grey.length !== n * n) throw new Error(`perceptualHash needs ${n * n} grey bytes, got ${grey.length}`);
  // Separable DCT-II, rows then columns, keeping only the low frequencies needed.
  const rows = new Float64Array(n * LOW);
  for (let y = 0; y < n; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < n; x++) sum += grey[y * n + x] * COSINES[u * n + x];
      rows[y * LOW + u] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += rows[y * LOW + u] * COSINES[v * n + y];
      coefficients[v * LOW + u] = sum;
    }
  }
  // The DC term measures brightness, not structure: leave it out of the median.
  const median = [...coefficients.slice(1)].sort((a, b) => a - b)[Math.floor((LOW * LOW - 1) / 2)];
  let hash = 0n;
  for (let i = 0; i < LOW * LOW; i++) hash = (hash << 1n) | (coefficients[i] > median ? 1n : 0n);
  return hash.toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}
