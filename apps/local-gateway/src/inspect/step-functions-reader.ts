/**
 * Reads the local Step Functions through its own wire protocol (AWS JSON 1.0), as any SDK
 * client would: the inspector's executions and the state transitions the bill counts.
 */

export interface ExecutionView {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: string;
  stopDate?: string;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** State entered and exited, task failures, in order. */
  history: Array<{ id: number; type: string; timestamp: string; name?: string }>;
}

interface HistoryEvent {
  id: number;
  type: string;
  timestamp: number;
  stateEnteredEventDetails?: { name?: string };
  stateExitedEventDetails?: { name?: string };
}

const iso = (epochSeconds: unknown) =>
  typeof epochSeconds === 'number' ? new Date(epochSeconds * 1000).toISOString() : undefined;

/** What Step Functions bills: Standard per transition, Express per execution and duration. */
export interface StepFunctionsBilling {
  standardTransitions: number;
  expressRequests: number;
  /** Finished Express executions, each rounded up to 100 ms as billed. */
  expressDurationMs: number;
}

interface ListedExecution {
  executionArn: string;
  status: string;
  startDate: number;
  stopDate?: number;
  express: boolean;
}

export class StepFunctionsReader {
  // A finished execution's transitions never change: counted once.
  readonly #finishedTransitions = new Map<string, number>();

  constructor(
    readonly endpoint: string,
    readonly machines: Array<{ arn: string; express: boolean }>,
  ) {}

  async #call<T>(operation: string, body: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${operation}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`Step Functions ${operation}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async #executionArns(): Promise<ListedExecution[]> {
    const all: ListedExecution[] = [];
    for (const { arn, express } of this.machines) {
      const { executions } = await this.#call<{ executions: Array<Omit<ListedExecution, 'express'>> }>(
        'ListExecutions',
        { stateMachineArn: arn, maxResults: 1000 },
      );
      all.push(...executions.map((e) => ({ ...e, express })));
    }
    return all;
  }

  async #history(executionArn: string): Promise<HistoryEvent[]> {
    const { events } = await this.#call<{ events: HistoryEvent[] }>('GetExecutionHistory', {
      executionArn,
      maxResults: 1000,
    });
    return events;
  }

  /** The newest `limit` executions, newest first, with input, output and state history. */
  async executions(limit = 20): Promise<ExecutionView[]> {
    const arns = (await this.#executionArns()).slice(0, limit);
    return Promise.all(
      arns.map(async ({ executionArn }) => {
        const d = await this.#call<Record<string, unknown>>('DescribeExecution', { executionArn });
        const history = (await this.#history(executionArn)).map((e) => ({
          id: e.id,
          type: e.type,
          timestamp: iso(e.timestamp) ?? '',
          name: e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name,
        }));
        return {
          executionArn,
          stateMachineArn: String(d.stateMachineArn),
          name: String(d.name),
          status: String(d.status),
          startDate: iso(d.startDate) ?? '',
          stopDate: iso(d.stopDate),
          input: d.input as string | undefined,
          output: d.output as string | undefined,
          error: d.error as string | undefined,
          cause: d.cause as string | undefined,
          history,
        };
      }),
    );
  }

  /**
   * What the executions so far would be billed (those the local service still remembers, at
   * most 1,000 finished per machine): Standard, one transition per state entered; Express, one
   * request per execution and its duration.
   */
  async billing(): Promise<StepFunctionsBilling> {
    const billing: StepFunctionsBilling = {
      standardTransitions: 0,
      expressRequests: 0,
      expressDurationMs: 0,
    };
    for (const execution of await this.#executionArns()) {
      if (execution.express) {
        billing.expressRequests += 1;
        if (execution.stopDate !== undefined) {
          const ms = (execution.stopDate - execution.startDate) * 1000;
          billing.expressDurationMs += Math.max(100, Math.ceil(ms / 100) * 100);
        }
      } else billing.standardTransitions += await this.#transitionsOf(execution);
    }
    return billing;
  }

  async #transitionsOf({ executionArn, status }: ListedExecution): Promise<number> {
    const cached = this.#finishedTransitions.get(executionArn);
    if (cached !== undefined) return cached;
    const count = (await this.#history(executionArn)).filter((e) => e.type.endsWith('StateEntered')).length;
    if (status !== 'RUNNING') this.#finishedTransitions.set(executionArn, count);
    return count;
  }
}
