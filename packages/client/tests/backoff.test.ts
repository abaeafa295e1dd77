import { backoffDelayMs } from '../src/index.js';

const options = { initialDelayMs: 500, maxDelayMs: 30_000 };

describe('backoffDelayMs', () => {
  it('draws from [0, initialDelayMs * 2^attempt): full jitter', () => {
    expect(backoffDelayMs(0, options, () => 0)).toBe(0);
    expect(backoffDelayMs(0, options, () => 0.999_999)).toBe(499);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(3, options, () => 0.999_999)).toBe(3999);
  });

  it('never exceeds maxDelayMs, however many attempts failed', () => {
    for (const attempt of [6, 7, 20, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffDelayMs(attempt, options, () => 0.999_999)).toBe(29_999);
    }
  });

  it('spreads delays across the whole range with Math.random', () => {
    const delays = Array.from({ length: 500 }, () => backoffDelayMs(2, options));
    expect(Math.min(...delays)).toBeLessThan(500);
    expect(Math.max(...delays)).toBeGreaterThan(1500);
    expect(Math.max(...delays)).toBeLessThan(2000);
  });
});
