import { GatewayError } from '../errors.js';

/** Errors of the function runtime. Invocation failures are results, not throws; these are misuse. */
export class FunctionRuntimeError extends GatewayError {
  override name = 'FunctionRuntimeError';
}

/** `invoke` named a function the manifest does not declare. */
export class UnknownFunctionError extends FunctionRuntimeError {
  override name = 'UnknownFunctionError';
  constructor(readonly functionName: string) {
    super(`No function named "${functionName}" in the manifest`);
  }
}

/** `invoke` after `close()`. */
export class RuntimeClosedError extends FunctionRuntimeError {
  override name = 'RuntimeClosedError';
  constructor() {
    super('The function runtime is closed');
  }
}

/** The worker bootstrap file is missing (a `dist/` build that did not copy it). */
export class WorkerBootstrapMissingError extends FunctionRuntimeError {
  override name = 'WorkerBootstrapMissingError';
  constructor(readonly tried: string[]) {
    super(`Cannot find the worker bootstrap; looked in:\n  ${tried.join('\n  ')}`);
  }
}
