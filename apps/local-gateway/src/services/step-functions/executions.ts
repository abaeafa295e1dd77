import { randomUUID } from 'node:crypto';
import type { StateMachine } from 'aws-local-stepfunctions';
import { StepFunctionsApiError } from '../errors.js';
import { type HistoryEvent, recordHistory } from './history.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution, as DescribeExecution reports it. */
export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  /** Settles when the execution stops, whatever its outcome. */
  done: Promise<void>;
  abort(): void;
}

/** A manifest state machine ready to run. */
export interface RunnableStateMachine {
  name: string;
  arn: string;
  definition: Record<string, unknown>;
  taskHandlers: Record<string, (input: unknown) => Promise<unknown>>;
  /** Same pause for every Retry instead of IntervalSeconds/BackoffRate (tests, fast dev loops). */
  retryIntervalMs?: number;
  machine: StateMachine;
}

/** Finished executions kept for Describe/List; older ones are forgotten so memory stays bounded. */
const MAX_FINISHED_EXECUTIONS = 1000;
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** StartExecution's `name` rule: 1-80 characters, no whitespace, brackets, wildcards, punctuation or controls. */
function isValidExecutionName(name: string): boolean {
  const hasControl = [...name].some((ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  return name.length >= 1 && name.length <= 80 && !NAME_FORBIDDEN.test(name) && !hasControl;
}

/** Runs executions of the manifest's state machines and remembers them. */
export class ExecutionRegistry {
  private readonly executions = new Map<string, Execution>();

  constructor(private readonly executionArnPrefix: (stateMachineName: string) => string) {}

  start(machine: RunnableStateMachine, name: string | undefined, input: string | undefined): Execution {
    const executionName = name ?? randomUUID();
    if (!isValidExecutionName(executionName)) {
      throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${executionName}'`);
    }
    const inputText = input ?? '{}';
    let inputValue: unknown;
    try {
      inputValue = JSON.parse(inputText);
    } catch (error) {
      throw new StepFunctionsApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const executionArn = `${this.executionArnPrefix(machine.name)}:${executionName}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // StartExecution is idempotent for a running execution with the same name and input.
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new StepFunctionsApiError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
    const execution = this.run(machine, executionArn, executionName, inputText, inputValue);
    this.executions.set(executionArn, execution);
    this.forgetOldest();
    return execution;
  }

  get(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution)
      throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  /** Newest first, as ListExecutions answers. */
  list(stateMachineArn: string, status?: ExecutionStatus): Execution[] {
    return [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn && (!status || e.status === status))
      .reverse();
  }

  /** Aborts every running execution and waits for them to stop. */
  async close(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const execution of running) execution.abort();
    await Promise.all(running.map((e) => e.done));
  }

  private run(
    machine: RunnableStateMachine,
    executionArn: string,
    name: string,
    input: string,
    inputValue: unknown,
  ): Execution {
    const startDate = new Date();
    const retryIntervalOverrides =
      machine.retryIntervalMs === undefined
        ? undefined
        : Object.fromEntries(
            Object.keys(machine.taskHandlers).map((state) => [state, machine.retryIntervalMs!]),
          );
    const run = machine.machine.run(inputValue as never, {
      overrides: {
        taskResourceLocalHandlers: machine.taskHandlers as never,
        ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}),
      },
      context: {
        Execution: {
          Id: executionArn,
          Input: inputValue as never,
          Name: name,
          StartTime: startDate.toISOString(),
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate,
      input,
      history: [],
      abort: run.abort,
      done: Promise.resolve(),
    };
    const history = recordHistory(run.eventLogs, execution.history);
    execution.done = run.result.then(
      (output) => {
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output ?? null);
      },
      (error: Error) => {
        const failure = describeFailure(error);
        execution.status = failure.status;
        if (failure.error) execution.error = failure.error;
        if (failure.cause !== undefined) execution.cause = failure.cause;
      },
    );
    execution.done = execution.done.then(async () => {
      execution.stopDate = new Date();
      await history;
    });
    return execution;
  }

  private forgetOldest(): void {
    const finished = [...this.executions.values()].filter((e) => e.status !== 'RUNNING');
    for (const execution of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_EXECUTIONS))) {
      this.executions.delete(execution.executionArn);
    }
  }
}

/** Maps aws-local-stepfunctions' errors to DescribeExecution's status, error and cause. */
function describeFailure(error: Error): { status: ExecutionStatus; error?: string; cause?: string } {
  if (error.name === 'ExecutionAbortedError') return { status: 'ABORTED' };
  if (error.name === 'ExecutionTimeoutError') return { status: 'TIMED_OUT', error: 'States.Timeout' };
  // ExecutionError wraps the state's error: its name is the ASL error name, its message the Cause.
  const inner = (error.cause instanceof Error ? error.cause : error) as Error;
  return { status: 'FAILED', error: inner.name, cause: inner.message };
}
