/**
 * Jobs: create, get, forward-only status transitions, and the record that the owner was told.
 * The allowed previous statuses go into the `ConditionExpression`, so the table itself refuses a
 * late or repeated step even when two workflow steps race.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { putNew, type StoreContext, sdkCall, toEpochSeconds } from './context.js';
import {
  InvalidJobTransitionError,
  isConditionalCheckFailed,
  JobExistsError,
  JobNotFoundError,
  translateSdkError,
} from './errors.js';
import { isLive, itemToJob, jobToItem, keys } from './items.js';
import { keyAttributes } from './table.js';
import { type Job, type JobStatus, type JobTransitionDetails, jobTransitions, type NewJob } from './types.js';

/** `ConnectionStore.createJob` (see types.ts), over a context. */
export async function createJob(ctx: StoreContext, input: NewJob): Promise<Job> {
  const nowMs = ctx.now();
  const job: Job = {
    jobId: input.jobId,
    ownerUserId: input.ownerUserId,
    connectionId: input.connectionId,
    status: 'accepted',
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    expiresAtSeconds: toEpochSeconds(nowMs) + ctx.jobTtlSeconds,
  };
  if (input.input !== undefined) job.input = input.input;
  await putNew(ctx, 'createJob', jobToItem(job), (cause) => new JobExistsError(input.jobId, { cause }));
  return job;
}

/** `ConnectionStore.getJob` (see types.ts), over a context. */
export async function getJob(ctx: StoreContext, jobId: string): Promise<Job | undefined> {
  const { Item } = await sdkCall('getJob', () =>
    ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: keys.job(jobId), ConsistentRead: true })),
  );
  return Item && isLive(Item, ctx.now()) ? itemToJob(Item) : undefined;
}

/** Statuses a job may move to `to` from. */
function allowedFrom(to: JobStatus): JobStatus[] {
  return (Object.keys(jobTransitions) as JobStatus[]).filter((from) =>
    (jobTransitions[from] as readonly JobStatus[]).includes(to),
  );
}

/** `ConnectionStore.transitionJob` (see types.ts), over a context. */
export async function transitionJob(
  ctx: StoreContext,
  jobId: string,
  to: JobStatus,
  details: JobTransitionDetails = {},
): Promise<Job> {
  const from = allowedFrom(to);
  if (from.length === 0) throw await refusal(ctx, jobId, to);
  const names: Record<string, string> = {
    '#pk': keyAttributes.partition,
    '#status': 'status',
    '#updated': 'updatedAtMs',
  };
  const values: Record<string, unknown> = { ':to': to, ':now': ctx.now() };
  const sets = ['#status = :to', '#updated = :now'];
  if (details.result !== undefined) {
    names['#result'] = 'result';
    values[':result'] = details.result;
    sets.push('#result = :result');
  }
  if (details.error !== undefined) {
    names['#error'] = 'error';
    values[':error'] = details.error;
    sets.push('#error = :error');
  }
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  const fromList = from.map((_, index) => `:from${index}`).join(', ');
  try {
    const { Attributes } = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.job(jobId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(#pk) AND #status IN (${fromList})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return itemToJob(Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw await refusal(ctx, jobId, to, error);
    throw translateSdkError('transitionJob', error);
  }
}

/** `ConnectionStore.markJobNotified` (see types.ts), over a context. */
export async function markJobNotified(ctx: StoreContext, jobId: string): Promise<Job> {
  try {
    const { Attributes } = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: keys.job(jobId),
        // if_not_exists: the first time stays, so the write is idempotent.
        UpdateExpression: 'SET #notified = if_not_exists(#notified, :now)',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': keyAttributes.partition, '#notified': 'notifiedAtMs' },
        ExpressionAttributeValues: { ':now': ctx.now() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return itemToJob(Attributes ?? {});
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new JobNotFoundError(jobId, { cause: error });
    throw translateSdkError('markJobNotified', error);
  }
}

/** Reads the job to say why a transition was refused: missing, or in which status. */
async function refusal(ctx: StoreContext, jobId: string, to: JobStatus, cause?: unknown): Promise<Error> {
  const current = await getJob(ctx, jobId);
  if (!current) return new JobNotFoundError(jobId, { cause });
  return new InvalidJobTransitionError(jobId, current.status, to, { cause });
}
