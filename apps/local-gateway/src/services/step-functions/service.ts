import type { AddressInfo } from 'node:net';
import { StateMachine } from 'aws-local-stepfunctions';
import type { StepFunctionsService, StepFunctionsServiceOptions } from '../../contracts.js';
import { StateMachineDefinitionError, StepFunctionsApiError } from '../errors.js';
import {
  type Execution,
  type ExecutionStatus,
  ExecutionRegistry,
  type RunnableStateMachine,
} from './executions.js';
import { createStepFunctionsServer, type Operation } from './http.js';
import { buildTaskHandlers } from './tasks.js';

/** {@link StepFunctionsServiceOptions} plus what only tests and dev loops need. */
export interface StartStepFunctionsOptions extends StepFunctionsServiceOptions {
  /** Pause every Retry this long instead of IntervalSeconds × BackoffRate. @default ASL's own */
  retryIntervalMs?: number;
}

export interface StartedStepFunctionsService extends StepFunctionsService {
  /** Settles when an execution (by ARN) stops; for tests and logs. */
  waitForExecution(executionArn: string): Promise<void>;
}

const STATE_MACHINE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * A local Step Functions endpoint on 127.0.0.1 for the manifest's state machines, speaking the
 * real wire protocol (StartExecution, DescribeExecution, StopExecution, ListExecutions,
 * GetExecutionHistory, DescribeStateMachine, ListStateMachines), so handlers use the real
 * `@aws-sdk/client-sfn` through `AWS_ENDPOINT_URL_SFN`. Executions run with
 * aws-local-stepfunctions; Lambda tasks call `invokeFunction`, `apigateway:invoke` on
 * `/@connections/{id}` calls `postToConnection`.
 *
 * @example
 * const sfn = await startStepFunctions({
 *   stateMachines: manifest.stateMachines ?? {}, region: 'us-east-1', accountId: '000000000000',
 *   invokeFunction: invokeFunctionWith(runtime), postToConnection: (id, body) => front.post(id, body),
 * });
 * env.AWS_ENDPOINT_URL_SFN = sfn.endpoint;
 */
export async function startStepFunctions(
  options: StartStepFunctionsOptions,
): Promise<StartedStepFunctionsService> {
  const arnBase = `arn:aws:states:${options.region}:${options.accountId}`;
  const creationDate = new Date();
  const machines = new Map<string, RunnableStateMachine>();
  for (const [name, spec] of Object.entries(options.stateMachines)) {
    const machine = prepareStateMachine(name, spec.definition, options);
    machines.set(`${arnBase}:stateMachine:${name}`, { ...machine, arn: `${arnBase}:stateMachine:${name}` });
  }
  const registry = new ExecutionRegistry((name) => `${arnBase}:execution:${name}`);

  const machineOf = (arn: unknown): RunnableStateMachine => {
    const machine = machines.get(String(arn));
    if (!machine)
      throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  };
  const server = createStepFunctionsServer(operations(machines, machineOf, registry, creationDate));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stateMachineArns: Object.fromEntries([...machines.values()].map((m) => [m.name, m.arn])),
    waitForExecution: (executionArn) => registry.get(executionArn).done,
    async close() {
      await registry.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function prepareStateMachine(
  name: string,
  definition: Record<string, unknown>,
  options: StartStepFunctionsOptions,
): Omit<RunnableStateMachine, 'arn'> {
  if (!STATE_MACHINE_NAME.test(name)) {
    throw new StateMachineDefinitionError(name, 'names may use only letters, digits, "-" and "_" (1-80)');
  }
  let machine: StateMachine;
  try {
    machine = new StateMachine(definition as never);
  } catch (cause) {
    throw new StateMachineDefinitionError(name, `invalid ASL: ${(cause as Error).message}`, { cause });
  }
  return {
    name,
    definition,
    machine,
    taskHandlers: buildTaskHandlers(name, definition, options),
    ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
  };
}

/** DescribeExecution's answer; optional members left out rather than sent as null. */
function describe(execution: Execution) {
  const { executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause } =
    execution;
  return {
    executionArn,
    stateMachineArn,
    name,
    status,
    startDate,
    input,
    inputDetails: { included: true },
    ...(stopDate ? { stopDate } : {}),
    ...(output === undefined ? {} : { output, outputDetails: { included: true } }),
    ...(error === undefined ? {} : { error }),
    ...(cause === undefined ? {} : { cause }),
  };
}

function operations(
  machines: Map<string, RunnableStateMachine>,
  machineOf: (arn: unknown) => RunnableStateMachine,
  registry: ExecutionRegistry,
  creationDate: Date,
): Record<string, Operation> {
  const summary = (m: RunnableStateMachine) => ({
    stateMachineArn: m.arn,
    name: m.name,
    type: 'STANDARD',
    creationDate,
  });
  return {
    StartExecution: (request) => {
      const execution = registry.start(
        machineOf(request.stateMachineArn),
        request.name === undefined ? undefined : String(request.name),
        request.input === undefined ? undefined : String(request.input),
      );
      return { executionArn: execution.executionArn, startDate: execution.startDate };
    },
    DescribeExecution: (request) => describe(registry.get(String(request.executionArn))),
    StopExecution: async (request) => {
      const execution = registry.get(String(request.executionArn));
      if (execution.status === 'RUNNING') {
        execution.abort();
        await execution.done;
      }
      return { stopDate: execution.stopDate ?? new Date() };
    },
    ListExecutions: (request) => {
      const machine = machineOf(request.stateMachineArn);
      const all = registry.list(machine.arn, request.statusFilter as ExecutionStatus | undefined);
      return page(all, request, 'executions', (e) => {
        const { executionArn, stateMachineArn, name, status, startDate, stopDate } = e;
        return { executionArn, stateMachineArn, name, status, startDate, ...(stopDate ? { stopDate } : {}) };
      });
    },
    GetExecutionHistory: (request) => {
      const events = [...registry.get(String(request.executionArn)).history];
      if (request.reverseOrder === true) events.reverse();
      return page(events, request, 'events', (e) => e);
    },
    DescribeStateMachine: (request) => {
      const machine = machineOf(request.stateMachineArn);
      return {
        ...summary(machine),
        status: 'ACTIVE',
        definition: JSON.stringify(machine.definition),
        roleArn: `arn:aws:iam::${machine.arn.split(':')[4]}:role/local`,
      };
    },
    ListStateMachines: (request) => page([...machines.values()], request, 'stateMachines', summary),
  };
}

/** `maxResults`/`nextToken` paging; the token is the offset. */
function page<T>(items: T[], request: Record<string, unknown>, key: string, map: (item: T) => unknown) {
  const offset = Number(request.nextToken ?? 0) || 0;
  const size = Number(request.maxResults ?? 0) || 100;
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? { nextToken: String(offset + size) } : {};
  return { [key]: slice.map(map), ...next };
}
