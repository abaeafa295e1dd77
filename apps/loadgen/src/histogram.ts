import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Latency figures in milliseconds (microsecond resolution). All zero when `count` is 0. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

// 1 µs to 10 min covers every round trip the load generator can wait for.
const highestMicros = 600_000_000;

/**
 * A latency histogram with bounded memory: Node's built-in HDR histogram (3 significant
 * digits), fed in microseconds, read in milliseconds.
 * @example
 * const h = new LatencyHistogram();
 * h.recordMs(1.25);
 * h.summary().p99; // 1.25
 */
export class LatencyHistogram {
  readonly #histogram: RecordableHistogram = createHistogram({
    lowest: 1,
    highest: highestMicros,
    figures: 3,
  });

  /** Records one observation; values are clamped to [1 µs, 10 min]. */
  recordMs(ms: number): void {
    const micros = Math.min(highestMicros, Math.max(1, Math.round(ms * 1000)));
    this.#histogram.record(micros);
  }

  get count(): number {
    return this.#histogram.count;
  }

  summary(): LatencySummary {
    const h = this.#histogram;
    if (h.count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    const ms = (micros: number) => Math.round(micros) / 1000;
    return {
      count: h.count,
      min: ms(h.min),
      mean: ms(h.mean),
      p50: ms(h.percentile(50)),
      p95: ms(h.percentile(95)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
    };
  }
}
