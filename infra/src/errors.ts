/**
 * Errors of the infra app. Every one is thrown while the app is being built (before Terraform
 * runs), so the message must name what to fix: the manifest field, the folder or the config key.
 */

/** Base class: anything that stops the app from synthesizing. */
export class InfraError extends Error {
  override name = 'InfraError';
}

/** The manifest asks for something infra cannot deploy as written (names the manifest path). */
export class ManifestTranslationError extends InfraError {
  override name = 'ManifestTranslationError';
}

/** A function's bundle folder or entry file is missing: the handlers were not built. */
export class BundleNotFoundError extends InfraError {
  override name = 'BundleNotFoundError';
  constructor(
    readonly functionName: string,
    readonly bundleDir: string,
    detail: string,
  ) {
    super(
      `Bundle of function "${functionName}" not found: ${detail} (${bundleDir}). ` +
        'Build the handlers first: pnpm --filter @switchboard/handlers build',
    );
  }
}

/** The environment table or a derived name is invalid (names the environment and the field). */
export class ConfigError extends InfraError {
  override name = 'ConfigError';
}
