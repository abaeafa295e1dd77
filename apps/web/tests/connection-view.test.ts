import { clockTime, describeState } from '../src/connection-view.js';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('describeState', () => {
  it('names the first attempt and later retries while connecting', () => {
    expect(describeState({ status: 'connecting', attempt: 0 }, now)).toEqual({
      status: 'connecting',
      text: 'Connecting…',
    });
    expect(describeState({ status: 'connecting', attempt: 3 }, now).text).toBe('Connecting (retry 3)…');
  });

  it('says Connected when open', () => {
    expect(describeState({ status: 'open' }, now)).toEqual({ status: 'open', text: 'Connected' });
  });

  it('gives the close code, the retry number, the time of the next retry and a countdown', () => {
    const state = {
      status: 'reconnecting' as const,
      attempt: 1,
      delayMs: 2500,
      nextRetryAt: now + 2500,
      closeCode: 1001,
      closeReason: 'Going away',
    };
    expect(describeState(state, now)).toEqual({
      status: 'reconnecting',
      text: `Connection lost (1001). Reconnecting: retry 1 at ${clockTime(now + 2500)}`,
      countdown: 'in 3 s',
    });
    expect(describeState(state, now + 2400).countdown).toBe('in 1 s');
    expect(describeState(state, now + 9000).countdown).toBe('in 0 s');
  });

  it('says the server is unreachable after a failed retry', () => {
    const state = {
      status: 'reconnecting' as const,
      attempt: 2,
      delayMs: 900,
      nextRetryAt: now + 900,
      closeCode: 1006,
    };
    expect(describeState(state, now).text).toMatch(/^Server unreachable\. Reconnecting: retry 2 at /);
  });

  it('tells a client that gave up from one that was closed', () => {
    expect(describeState({ status: 'closed', reason: 'gave-up' }, now).text).toBe(
      'Closed: gave up reconnecting',
    );
    expect(describeState({ status: 'closed', reason: 'closed-by-client' }, now).text).toBe('Closed');
  });
});

describe('clockTime', () => {
  it('shows hours, minutes and seconds on a 24-hour clock', () => {
    expect(clockTime(new Date(2025, 0, 1, 15, 4, 5).getTime())).toMatch(/^15.04.05$/);
  });
});
