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

/** `deploy.config.json` or a `SWITCHBOARD_<STAGE>_*` variable is invalid (names the field). */
export class DeployConfigError extends InfraError {
  override name = 'DeployConfigError';
}

/** The deploy command was called wrong: an unknown command or environment (lists the valid ones). */
export class UsageError extends InfraError {
  override name = 'UsageError';
}

/** A staging or prod environment without its account, Region or identity provider. */
export class EnvironmentNotConfiguredError extends InfraError {
  override name = 'EnvironmentNotConfiguredError';
  constructor(
    readonly stage: string,
    /** The same line synth prints when it leaves the environment out. */
    notice: string,
  ) {
    super(notice);
  }
}

/** `terraform` is not on PATH. */
export class TerraformNotFoundError extends InfraError {
  override name = 'TerraformNotFoundError';
  constructor(options?: { cause?: unknown }) {
    super(
      'terraform is not on PATH: install Terraform 1.11 or newer (S3 state locking needs 1.10+), see infra/README.md',
      options,
    );
  }
}

/** A Terraform command exited non-zero; the message ends with what Terraform wrote to stderr. */
export class TerraformCommandError extends InfraError {
  override name = 'TerraformCommandError';
  constructor(
    readonly args: readonly string[],
    readonly cwd: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    /** What to try, after Terraform's own words (e.g. "deploy the bootstrap stack first"). */
    readonly hint?: string,
  ) {
    super(
      `terraform ${args[0]} failed in ${cwd} (${exitCode === null ? 'killed' : `exit ${exitCode}`})` +
        (stderr.trim() ? `:\n${stderr.trim()}` : '') +
        (hint ? `\n${hint}` : ''),
    );
  }
}
