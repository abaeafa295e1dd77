import { RingBuffer } from './ring-buffer.js';

/** One period of one metric, as CloudWatch keeps it: sum, sample count, maximum. */
export interface MetricBucket {
  /** Epoch ms the period starts. */
  start: number;
  sum: number;
  sampleCount: number;
  maximum: number;
}

/**
 * A metric's values per period, the newest `keep` periods kept, plus the totals since start
 * (what the cost estimate needs). Adding is a few arithmetic operations: always on.
 */
export class MetricSeries {
  readonly #buckets: RingBuffer<MetricBucket>;
  #current: MetricBucket | undefined;
  readonly total = { sum: 0, sampleCount: 0, maximum: 0 };

  constructor(
    readonly periodMs: number,
    keep: number,
  ) {
    this.#buckets = new RingBuffer(keep);
  }

  add(value: number, now: number): void {
    const start = now - (now % this.periodMs);
    let bucket = this.#current;
    if (bucket?.start !== start) {
      bucket = { start, sum: 0, sampleCount: 0, maximum: 0 };
      this.#current = bucket;
      this.#buckets.push(bucket);
    }
    bucket.sum += value;
    bucket.sampleCount += 1;
    bucket.maximum = Math.max(bucket.maximum, value);
    this.total.sum += value;
    this.total.sampleCount += 1;
    this.total.maximum = Math.max(this.total.maximum, value);
  }

  /**
   * The last `periods` periods up to `now`, oldest first, with empty periods as zero: what a
   * chart draws and what CloudWatch reports (`Sum` for counts, `Average` for latencies).
   */
  datapoints(periods: number, statistic: 'Sum' | 'Average', now = Date.now()): Array<[number, number]> {
    const byStart = new Map(this.#buckets.toArray().map((b) => [b.start, b]));
    const last = now - (now % this.periodMs);
    const points: Array<[number, number]> = [];
    for (let i = periods - 1; i >= 0; i--) {
      const start = last - i * this.periodMs;
      const bucket = byStart.get(start);
      const value = !bucket ? 0 : statistic === 'Sum' ? bucket.sum : bucket.sum / bucket.sampleCount;
      points.push([start, value]);
    }
    return points;
  }
}
