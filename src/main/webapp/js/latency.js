// End-to-end latency as this browser sees it: receive time minus the Kafka record time (`kts`),
// kept for a sliding minute. Memory is fixed whatever the update rate: one histogram per second
// with 1 ms buckets to 100 ms, 5 ms to 1 s and 50 ms to 10 s, so a percentile is off by at most
// one bucket and costs a few thousand additions once a second, never a sort.

const BOUNDS = (() => {
  const bounds = [];
  for (let ms = 1; ms <= 100; ms += 1) bounds.push(ms);
  for (let ms = 105; ms <= 1000; ms += 5) bounds.push(ms);
  for (let ms = 1050; ms <= 10000; ms += 50) bounds.push(ms);
  return bounds;
})();

/** The index of the first bucket whose upper bound holds `ms`; BOUNDS.length for overflow. */
function bucketOf(ms) {
  let lo = 0;
  let hi = BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (BOUNDS[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LatencyWindow {
  #seconds;
  #now;
  #slots;
  #slotSecond;

  constructor({ windowSeconds = 60, now = () => Date.now() } = {}) {
    this.#seconds = windowSeconds;
    this.#now = now;
    this.#slots = Array.from({ length: windowSeconds }, () => new Uint32Array(BOUNDS.length + 1));
    this.#slotSecond = new Float64Array(windowSeconds).fill(-1);
  }

  /** Counts one latency; a negative one (clocks apart) counts as zero. */
  record(latencyMs, at = this.#now()) {
    const second = Math.floor(at / 1000);
    const i = second % this.#seconds;
    if (this.#slotSecond[i] !== second) {
      this.#slots[i].fill(0);
      this.#slotSecond[i] = second;
    }
    this.#slots[i][bucketOf(Math.max(0, latencyMs))] += 1;
  }

  /**
   * Percentiles over the window as `{ count, p50, p95, ... }` in ms (a bucket's upper bound;
   * Infinity past 10 s), or null values while nothing was received.
   */
  summary(percentiles = [50, 95], at = this.#now()) {
    const newest = Math.floor(at / 1000);
    const total = new Float64Array(BOUNDS.length + 1);
    let count = 0;
    for (let i = 0; i < this.#seconds; i++) {
      const second = this.#slotSecond[i];
      if (second > newest - this.#seconds && second <= newest) {
        const slot = this.#slots[i];
        for (let b = 0; b < slot.length; b++) {
          total[b] += slot[b];
          count += slot[b];
        }
      }
    }
    const result = { count };
    for (const p of percentiles) {
      result[`p${p}`] = count === 0 ? null : valueAt(total, Math.ceil((p / 100) * count));
    }
    return result;
  }
}

function valueAt(histogram, rank) {
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) {
    seen += histogram[b];
    if (seen >= rank) {
      return b < BOUNDS.length ? BOUNDS[b] : Infinity;
    }
  }
  return Infinity;
}
