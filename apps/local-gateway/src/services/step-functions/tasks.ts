import { randomUUID } from 'node:crypto';
import { functionNameOfPlaceholder } from '@switchboard/manifest';
import type { FunctionRuntime, StepFunctionsServiceOptions } from '../../contracts.js';
import { StateMachineDefinitionError } from '../errors.js';

type JsonObject = Record<string, unknown>;
type TaskHandler = (input: unknown) => Promise<unknown>;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const APIGATEWAY_INVOKE = 'arn:aws:states:::apigateway:invoke';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;

/** A Task state found anywhere in a definition, including Parallel branches and Map processors. */
export interface TaskState {
  stateName: string;
  resource: string;
  parameters: JsonObject | undefined;
}

/** Every Task state of an ASL definition, depth first. */
export function collectTaskStates(definition: JsonObject): TaskState[] {
  const found: TaskState[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, JsonObject> } | undefined)?.States ?? {};
    for (const [stateName, state] of Object.entries(states)) {
      if (state.Type === 'Task') {
        found.push({
          stateName,
          resource: String(state.Resource),
          parameters: state.Parameters as JsonObject | undefined,
        });
      } else if (state.Type === 'Parallel') {
        for (const branch of (state.Branches as unknown[] | undefined) ?? []) visit(branch);
      } else if (state.Type === 'Map') {
        visit(state.ItemProcessor ?? state.Iterator);
      }
    }
  };
  visit(definition);
  return found;
}

/**
 * An error a Task fails with. ASL `Retry`/`Catch` match on `name` (the Lambda `errorType`, or
 * `ApiGateway.<status>`), and `message` is the `Cause`: for Lambda the JSON Step Functions shows.
 */
export class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/**
 * `invokeFunction` for the Step Functions service over the function runtime, the one adapter
 * between them: resolves with the function's result, rejects as Lambda fails a task, with a
 * {@link TaskFailure} whose name (the `Error`) is the Lambda `errorType` and whose message (the
 * `Cause`) is the JSON `{"errorType","errorMessage","trace"}` Lambda returns.
 */
export function invokeFunctionWith(
  runtime: Pick<FunctionRuntime, 'invoke'>,
): StepFunctionsServiceOptions['invokeFunction'] {
  return async (functionName, input) => {
    const result = await runtime.invoke(functionName, input);
    if (result.ok) return result.value;
    const { errorType, message } = result.error;
    throw new TaskFailure(errorType, JSON.stringify({ errorType, errorMessage: message, trace: [] }));
  };
}

type Services = Pick<StepFunctionsServiceOptions, 'invokeFunction' | 'postToConnection'>;

/**
 * `taskResourceLocalHandlers` for one state machine, keyed by state name as
 * aws-local-stepfunctions wants, built from each Task state's `Resource`. Throws
 * {@link StateMachineDefinitionError} for a resource the gateway cannot run, at start rather than
 * in the middle of an execution.
 */
export function buildTaskHandlers(
  stateMachineName: string,
  definition: JsonObject,
  services: Services,
): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  const resources = new Map<string, string>();
  for (const task of collectTaskStates(definition)) {
    const seen = resources.get(task.stateName);
    if (seen !== undefined && seen !== task.resource) {
      // Handlers are keyed by state name: two different tasks under one name cannot both run.
      throw new StateMachineDefinitionError(
        stateMachineName,
        `two Task states are named "${task.stateName}"`,
      );
    }
    resources.set(task.stateName, task.resource);
    handlers[task.stateName] = handlerFor(stateMachineName, task, services);
  }
  return handlers;
}

function handlerFor(stateMachineName: string, task: TaskState, services: Services): TaskHandler {
  const placeholder = functionNameOfPlaceholder(task.resource);
  if (placeholder) return (input) => callFunction(services, placeholder, input);
  if (task.resource === LAMBDA_INVOKE) {
    return async (input) => {
      const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
      const payload = await callFunction(services, functionNameOf(String(FunctionName)), Payload ?? {});
      // The optimised integration wraps the result as Lambda's Invoke API answers.
      return {
        ExecutedVersion: '$LATEST',
        Payload: payload,
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: randomUUID() },
        StatusCode: 200,
      };
    };
  }
  if (task.resource === APIGATEWAY_INVOKE) {
    const method = task.parameters?.Method;
    if (typeof method === 'string' && method !== 'POST') {
      throw new StateMachineDefinitionError(
        stateMachineName,
        `state "${task.stateName}": apigateway:invoke supports only POST /@connections/{id} locally, not ${method}`,
      );
    }
    return (input) => postToConnection(services, input as JsonObject);
  }
  const hint = task.resource.startsWith('arn:aws:lambda:')
    ? ' (Lambda tasks must use functionArnPlaceholder(name) from @switchboard/manifest)'
    : '';
  throw new StateMachineDefinitionError(
    stateMachineName,
    `state "${task.stateName}": unsupported Task resource ${task.resource}${hint}`,
  );
}

/** `FunctionName` of lambda:invoke: a placeholder ARN, a Lambda ARN (with qualifier) or a name. */
function functionNameOf(functionName: string): string {
  return functionNameOfPlaceholder(functionName) ?? LAMBDA_ARN.exec(functionName)?.[1] ?? functionName;
}

async function callFunction(services: Services, functionName: string, input: unknown): Promise<unknown> {
  try {
    return await services.invokeFunction(functionName, input);
  } catch (error) {
    if (error instanceof TaskFailure) throw error;
    // Whatever the caller rejected with, keep its name so Retry/Catch on it still match.
    const { name, errorType, message } = error as { name?: string; errorType?: string; message?: string };
    throw new TaskFailure(errorType ?? name ?? 'Error', message ?? String(error));
  }
}

async function postToConnection(services: Services, input: JsonObject): Promise<unknown> {
  const method = String(input.Method ?? 'POST');
  const path = String(input.Path ?? '');
  const match = /^\/?@connections\/([^/]+)$/.exec(path);
  if (method !== 'POST' || !match) {
    throw new TaskFailure(
      'ApiGateway.UnsupportedRequest',
      `The local gateway runs apigateway:invoke only as POST /@connections/{id}, got ${method} ${path}`,
    );
  }
  const body = input.RequestBody;
  const data = Buffer.from(typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body));
  let statusCode: number;
  try {
    ({ statusCode } = await services.postToConnection(decodeURIComponent(match[1]!), data));
  } catch (error) {
    // No HTTP status to report: AWS names such failures ApiGateway.<Exception>.
    throw new TaskFailure(
      `ApiGateway.${(error as Error).name ?? 'Error'}`,
      (error as Error).message ?? String(error),
    );
  }
  if (statusCode < 200 || statusCode > 299) {
    throw new TaskFailure(`ApiGateway.${statusCode}`, `POST ${path} answered ${statusCode}`);
  }
  return { Headers: {}, ResponseBody: '', StatusCode: statusCode, StatusText: 'OK' };
}
