/**
 * A batch's message values in one fresh buffer, to hand to a scoring thread. Why not the
 * Buffers themselves: kafkajs hands out views into its fetch response, and structured clone
 * copies a view's whole underlying buffer (for every message); one packed buffer is transferred
 * at no copy.
 */
export interface PackedValues {
  bytes: Uint8Array<ArrayBuffer>;
  /** Byte length of each value; -1 for a null value (a tombstone). */
  lengths: Int32Array;
  /**
   * Shared with the thread (a SharedArrayBuffer): slot 0 is 1 + the index of the event being
   * analysed, 0 before the first. Lets the main thread time each event and name the one a
   * failed thread was on.
   */
  progress?: Int32Array;
}

export function packValues(values: readonly (Buffer | null)[]): PackedValues {
  let total = 0;
  for (const v of values) total += v?.length ?? 0;
  const bytes = new Uint8Array(total);
  const lengths = new Int32Array(values.length);
  let at = 0;
  for (const [i, v] of values.entries()) {
    if (v === null) {
      lengths[i] = -1;
      continue;
    }
    bytes.set(v, at);
    lengths[i] = v.length;
    at += v.length;
  }
  return { bytes, lengths };
}

export function unpackValues({ bytes, lengths }: PackedValues): (Buffer | null)[] {
  const values: (Buffer | null)[] = [];
  let at = 0;
  for (const length of lengths) {
    if (length < 0) {
      values.push(null);
      continue;
    }
    values.push(Buffer.from(bytes.buffer, bytes.byteOffset + at, length));
    at += length;
  }
  return values;
}
