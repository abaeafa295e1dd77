import { GatewayError } from '../errors.js';

/** Errors of the embedded services (DynamoDB, Step Functions). */
export class ServiceError extends GatewayError {
  override name = 'ServiceError';
}

/** The DynamoDB service could not start or could not create a manifest table. */
export class DynamoStartError extends ServiceError {
  override name = 'DynamoStartError';
}

/** The `--data-dir` folder cannot hold DynamoDB's data. */
export class DataDirError extends DynamoStartError {
  override name = 'DataDirError';
  constructor(
    readonly dataDir: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `Cannot keep data in --data-dir ${dataDir}: ${reason}. ` +
        'Pass a folder this user can write (it is created if missing), or leave --data-dir out to keep data in memory.',
      options,
    );
  }
}

/** A manifest state machine the local Step Functions cannot run (unsupported Task resource...). */
export class StateMachineDefinitionError extends ServiceError {
  override name = 'StateMachineDefinitionError';
  constructor(
    readonly stateMachineName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`State machine "${stateMachineName}": ${message}`, options);
  }
}

/**
 * An error the Step Functions endpoint answers with. `type` is the AWS error shape name (sent as
 * `__type` and `x-amzn-ErrorType`, so the SDK throws an error of that `name`).
 */
export class StepFunctionsApiError extends ServiceError {
  override name = 'StepFunctionsApiError';
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}
