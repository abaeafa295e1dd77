import { forEachConcurrently } from '../src/concurrency.js';

describe('forEachConcurrently', () => {
  it('runs every item with at most limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];

    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      done.push(item);
      inFlight -= 1;
    });

    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, lets the tasks in flight finish, then rejects with it', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failure = new Error('item 2 failed');

    const run = forEachConcurrently([1, 2, 3, 4, 5, 6], 2, async (item) => {
      started.push(item);
      if (item === 2) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished.push(item);
    });

    await expect(run).rejects.toBe(failure);
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([1]);
  });
});
