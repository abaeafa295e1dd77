import { lambdaDefaults, type Manifest, resolveFunction } from '@switchboard/manifest';
import type { DynamoService } from '../contracts.js';
import type { ObservedUsage } from './cost.js';
import type { Recorder } from './recorder.js';
import type { StepFunctionsReader } from './step-functions-reader.js';

export interface UsageSources {
  recorder: Recorder;
  manifest: Manifest;
  dynamo: Pick<DynamoService, 'requestCounts'>;
  stepFunctions: Pick<StepFunctionsReader, 'billing'>;
}

/**
 * Everything the bill needs, since the gateway started: the recorder's counters, memory from
 * the manifest (Lambda's defaults where it sets none), DynamoDB's counts at its endpoint and
 * the state transitions in the local executions' histories.
 */
export async function collectUsage(sources: UsageSources, now = Date.now()): Promise<ObservedUsage> {
  const { recorder, manifest } = sources;
  const memoryOf = (functionName: string) => {
    const spec = manifest.functions[functionName];
    return spec ? resolveFunction(functionName, spec).memoryMb : lambdaDefaults.memoryMb;
  };
  const none = { standardTransitions: 0, expressRequests: 0, expressDurationMs: 0 };
  const [dynamodb, workflows] = await Promise.all([
    sources.dynamo.requestCounts?.(),
    sources.stepFunctions.billing().catch(() => none),
  ]);
  return {
    windowMs: now - recorder.startedAt,
    messageUnits: recorder.usage.messageUnits,
    connectionMinutes: recorder.connectionMs(now) / 60_000,
    lambda: recorder.metrics.lambdaTotals().map((f) => ({ ...f, memoryMb: memoryOf(f.functionName) })),
    ...(dynamodb ? { dynamodb: { readUnits: dynamodb.readUnits, writeUnits: dynamodb.writeUnits } } : {}),
    stateTransitions: workflows.standardTransitions,
    expressExecutions: { requests: workflows.expressRequests, durationMs: workflows.expressDurationMs },
  };
}
