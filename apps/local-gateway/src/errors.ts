/** Base of every error the local gateway raises on purpose. */
export class GatewayError extends Error {
  override name = 'GatewayError';
}

/** Bad command-line flags or `createGateway` options; `message` is meant for the user. */
export class GatewayConfigError extends GatewayError {
  override name = 'GatewayConfigError';
}

/**
 * The gateway could not start for a reason of the machine, not of its options: a port in use, a
 * host it cannot listen on, a data folder it cannot use. `message` says what to do.
 */
export class GatewayStartError extends GatewayError {
  override name = 'GatewayStartError';
}

/** The default manifest (the reference app's build) is missing. */
export class ManifestNotBuiltError extends GatewayConfigError {
  override name = 'ManifestNotBuiltError';
  constructor(readonly manifestPath: string) {
    super(
      `No manifest at ${manifestPath}.\n` +
        'Build the reference app first: pnpm --filter @switchboard/handlers build\n' +
        'or pass --manifest FILE.',
    );
  }
}

/** The manifest's route selection expression is not of a form API Gateway accepts. */
export class SelectionExpressionError extends GatewayConfigError {
  override name = 'SelectionExpressionError';
}

/**
 * A `@connections` API failure, named as API Gateway names it (the SDK reads `x-amzn-ErrorType`).
 */
export class ConnectionApiError extends GatewayError {
  override name = 'ConnectionApiError';
  constructor(
    readonly errorType: ConnectionApiErrorType,
    message: string,
  ) {
    super(message);
  }
  get statusCode(): number {
    return connectionApiStatus[this.errorType];
  }
}

/** HTTP status per management API error, from the SDK's service model. */
export const connectionApiStatus = {
  ForbiddenException: 403,
  GoneException: 410,
  LimitExceededException: 429,
  PayloadTooLargeException: 413,
  BadRequestException: 400,
} as const;
export type ConnectionApiErrorType = keyof typeof connectionApiStatus;
