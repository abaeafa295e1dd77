import { LatencyHistogram } from '../src/histogram.js';

describe('LatencyHistogram', () => {
  it('reports percentiles of recorded milliseconds', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) histogram.recordMs(i / 100); // 0.01 .. 10 ms

    const summary = histogram.summary();

    expect(summary.count).toBe(1000);
    expect(summary.min).toBeCloseTo(0.01, 3);
    expect(summary.p50).toBeCloseTo(5, 1);
    expect(summary.p95).toBeCloseTo(9.5, 1);
    expect(summary.p99).toBeCloseTo(9.9, 1);
    expect(summary.max).toBeCloseTo(10, 1);
  });

  it('reports zeros when nothing was recorded', () => {
    expect(new LatencyHistogram().summary()).toEqual({
      count: 0,
      min: 0,
      mean: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      max: 0,
    });
  });
});
