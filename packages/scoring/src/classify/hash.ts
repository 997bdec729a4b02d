/**
 * Feature hashing over UTF-16 char codes. FNV-1a steps so an n-gram's hash extends one char at a
 * time (every n-gram starting at a position costs one multiply each), then a murmur3 finaliser so
 * the low bits used as the index and the top bit used as the sign are well mixed.
 */

export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/** murmur3 fmix32; returns an unsigned 32-bit value. */
export function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of buf[start, end) in the namespace `seed` (features of different kinds never share a hash). */
export function hashRange(buf: Uint16Array, start: number, end: number, seed: number): number {
  let h = fnvStep(FNV_OFFSET, seed);
  for (let i = start; i < end; i++) h = fnvStep(h, buf[i] as number);
  return finalize(h);
}

/** Hash of a JS string in the namespace `seed`; equal to hashRange over the same char codes. */
export function hashString(s: string, seed: number): number {
  let h = fnvStep(FNV_OFFSET, seed);
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return finalize(h);
}

/** Order-sensitive combination of two finalised hashes (word pairs). */
export function combine(a: number, b: number, seed: number): number {
  return finalize(fnvStep(fnvStep(fnvStep(FNV_OFFSET, seed), a), b));
}
