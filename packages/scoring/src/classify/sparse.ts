/**
 * A set of messages as one compressed sparse matrix (rows = messages), the form training reads
 * 100 times per fit: a few flat typed arrays instead of an object per message.
 */
import { FeatureBuffer } from './features.js';

export interface SparseRows {
  rows: number;
  /** Row r's entries are offsets[r] .. offsets[r + 1] - 1. */
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

export function featurize(texts: readonly string[]): SparseRows {
  const fb = new FeatureBuffer();
  const offsets = new Int32Array(texts.length + 1);
  let index = new Int32Array(1 << 16);
  let value = new Float32Array(1 << 16);
  let nnz = 0;
  texts.forEach((text, r) => {
    fb.extract(text);
    if (nnz + fb.count > index.length) {
      const cap = Math.max(index.length * 2, nnz + fb.count);
      const i2 = new Int32Array(cap);
      i2.set(index.subarray(0, nnz));
      index = i2;
      const v2 = new Float32Array(cap);
      v2.set(value.subarray(0, nnz));
      value = v2;
    }
    index.set(fb.index.subarray(0, fb.count), nnz);
    value.set(fb.value.subarray(0, fb.count), nnz);
    nnz += fb.count;
    offsets[r + 1] = nnz;
  });
  return { rows: texts.length, offsets, index: index.slice(0, nnz), value: value.slice(0, nnz) };
}

/** The raw score (logit before calibration) of every row under `weights` and `bias`. */
export function margins(x: SparseRows, weights: Float32Array | Float64Array, bias: number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let z = bias;
    for (let k = x.offsets[r] as number; k < (x.offsets[r + 1] as number); k++) {
      z += (weights[x.index[k] as number] as number) * (x.value[k] as number);
    }
    out[r] = z;
  }
  return out;
}
