import {
  type ConnectionStore,
  InvalidJobTransitionError,
  JobExistsError,
  JobNotFoundError,
  type JobStatus,
} from '../src/index.js';
import { createTestStore, type LocalDynamo, manualClock, startDynalite } from './dynalite.js';

describe('jobs', () => {
  let dynamo: LocalDynamo;
  let store: ConnectionStore;
  const clock = manualClock();

  beforeAll(async () => {
    dynamo = await startDynalite();
    store = await createTestStore(dynamo, { now: clock.now, jobTtlSeconds: 3600 });
  });
  afterAll(() => dynamo.close());

  const newJob = (jobId: string) => ({ jobId, ownerUserId: 'owner', connectionId: 'conn', input: { n: 3 } });

  it('creates an accepted job with a TTL and reads it back', async () => {
    const job = await store.createJob(newJob('j-create'));

    const expected = {
      jobId: 'j-create',
      ownerUserId: 'owner',
      connectionId: 'conn',
      status: 'accepted',
      input: { n: 3 },
      createdAtMs: clock.now(),
      updatedAtMs: clock.now(),
      expiresAtSeconds: clock.now() / 1000 + 3600,
    };
    expect(job).toEqual(expected);
    expect(await store.getJob('j-create')).toEqual(expected);
    expect(await store.getJob('j-missing')).toBeUndefined();
  });

  it('refuses a second job with the same id', async () => {
    await store.createJob(newJob('j-dup'));

    await expect(store.createJob({ ...newJob('j-dup'), ownerUserId: 'thief' })).rejects.toBeInstanceOf(
      JobExistsError,
    );
    expect((await store.getJob('j-dup'))?.ownerUserId).toBe('owner');
  });

  it('moves accepted -> running -> completed, storing the result', async () => {
    await store.createJob(newJob('j-ok'));
    clock.advance(1000);
    const running = await store.transitionJob('j-ok', 'running');
    clock.advance(1000);

    const completed = await store.transitionJob('j-ok', 'completed', {
      result: { sum: 6, parts: [1, 2, 3] },
    });

    expect(running.status).toBe('running');
    expect(completed).toMatchObject({ status: 'completed', result: { sum: 6, parts: [1, 2, 3] } });
    expect(completed.updatedAtMs).toBe(clock.now());
    expect(completed.updatedAtMs - completed.createdAtMs).toBe(2000);
    expect(await store.getJob('j-ok')).toEqual(completed);
  });

  it('moves running -> failed and accepted -> failed, storing the error', async () => {
    await store.createJob(newJob('j-fail'));
    await store.createJob(newJob('j-fail-early'));
    await store.transitionJob('j-fail', 'running');

    const failed = await store.transitionJob('j-fail', 'failed', { error: 'worker crashed' });
    const failedEarly = await store.transitionJob('j-fail-early', 'failed', { error: 'could not start' });

    expect(failed).toMatchObject({ status: 'failed', error: 'worker crashed' });
    expect(failedEarly).toMatchObject({ status: 'failed', error: 'could not start' });
  });

  it.each<[string, JobStatus[], JobStatus, JobStatus]>([
    ['a repeated step', ['running'], 'running', 'running'],
    ['a late running after completion', ['running', 'completed'], 'running', 'completed'],
    ['failing a completed job', ['running', 'completed'], 'failed', 'completed'],
    ['completing a failed job', ['running', 'failed'], 'completed', 'failed'],
    ['completing before running', [], 'completed', 'accepted'],
    ['moving back to accepted', ['running'], 'accepted', 'running'],
  ])('refuses %s and leaves the job as it was', async (label, steps, to, from) => {
    const jobId = `j-${label.replaceAll(' ', '-')}`;
    await store.createJob(newJob(jobId));
    for (const step of steps)
      await store.transitionJob(jobId, step, step === 'completed' ? { result: 1 } : {});
    const before = await store.getJob(jobId);

    const refused = store.transitionJob(jobId, to, { result: 'late' });

    await expect(refused).rejects.toBeInstanceOf(InvalidJobTransitionError);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_JOB_TRANSITION', jobId, from, to });
    expect(await store.getJob(jobId)).toEqual(before);
  });

  it('reports a transition of an unknown job as not found', async () => {
    await expect(store.transitionJob('j-nope', 'running')).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(store.transitionJob('j-nope', 'accepted')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('lets only one of two racing steps win', async () => {
    await store.createJob(newJob('j-race'));
    await store.transitionJob('j-race', 'running');

    const outcomes = await Promise.allSettled([
      store.transitionJob('j-race', 'completed', { result: 'a' }),
      store.transitionJob('j-race', 'failed', { error: 'b' }),
    ]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(InvalidJobTransitionError);
  });

  it('records the notification once: a repeated mark keeps the first time', async () => {
    await store.createJob(newJob('j-told'));
    await store.transitionJob('j-told', 'running');
    await store.transitionJob('j-told', 'completed', { result: 1 });
    expect((await store.getJob('j-told'))?.notifiedAtMs).toBeUndefined();
    const first = clock.now();

    const marked = await store.markJobNotified('j-told');
    clock.advance(5000);
    const again = await store.markJobNotified('j-told');

    expect(marked).toMatchObject({ status: 'completed', notifiedAtMs: first });
    expect(again.notifiedAtMs).toBe(first);
    expect((await store.getJob('j-told'))?.notifiedAtMs).toBe(first);
  });

  it('reports marking an unknown job as not found', async () => {
    await expect(store.markJobNotified('j-ghost')).rejects.toBeInstanceOf(JobNotFoundError);
    expect(await store.getJob('j-ghost')).toBeUndefined();
  });
});
