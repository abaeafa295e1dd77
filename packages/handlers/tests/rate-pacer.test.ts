import { createRatePacer } from '../src/adapters/rate-pacer.js';

// A fake clock: sleep advances it, so the schedule is exact and the test takes no time.
function fakeClock() {
  let nowMs = 0;
  const sleeps: number[] = [];
  return {
    now: () => nowMs,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    sleeps,
  };
}

describe('createRatePacer', () => {
  it('lets a burst of half the rate through, then one post per 1/rate', async () => {
    const clock = fakeClock();
    const pacer = createRatePacer({ ratePerSecond: 10, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 8; i++) await pacer.take();
    // 5 from the burst without waiting, then 100 ms apart.
    expect(clock.sleeps).toEqual([100, 100, 100]);
  });

  it('halves its rate and holds on a throttle, and wins the rate back as posts succeed', async () => {
    const clock = fakeClock();
    const pacer = createRatePacer({ ratePerSecond: 100, burst: 1, now: clock.now, sleep: clock.sleep });
    await pacer.take();
    pacer.throttled(250);
    expect(pacer.ratePerSecond).toBe(50);
    await pacer.take();
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(250);
    for (let i = 0; i < 100; i++) pacer.succeeded();
    expect(pacer.ratePerSecond).toBe(100);
  });

  it('never drops below its floor', () => {
    const pacer = createRatePacer({ ratePerSecond: 8, minRatePerSecond: 2 });
    for (let i = 0; i < 10; i++) pacer.throttled(0);
    expect(pacer.ratePerSecond).toBe(2);
  });
});
