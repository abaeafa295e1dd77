/**
 * Errors of the manifest package. `ManifestError` is the only one: a manifest that cannot be
 * read, is not JSON, or fails validation. Its message names the file and each offending path,
 * so the gateway and infra print it as it is, without a stack.
 */

/** A manifest that could not be read or failed validation; `issues` name each offending path. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    message: string,
    readonly issues: string[] = [],
    options?: ErrorOptions,
  ) {
    super(issues.length ? `${message}\n  ${issues.join('\n  ')}` : message, options);
  }
}
