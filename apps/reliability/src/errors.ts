/** Errors of the reliability suite's harness; a scenario's own failures are jest assertions. */
export class ReliabilityHarnessError extends Error {
  override name = 'ReliabilityHarnessError';
}

/** The reference app's bundles are missing; the suite's globalSetup builds them. */
export class ReferenceAppNotBuiltError extends ReliabilityHarnessError {
  override name = 'ReferenceAppNotBuiltError';
  constructor(readonly path: string) {
    super(
      `The reference app is not built (${path} is missing): run pnpm --filter @switchboard/handlers build`,
    );
  }
}

/** A client did not get what it waited for in time. */
export class WaitTimeoutError extends ReliabilityHarnessError {
  override name = 'WaitTimeoutError';
}
