/**
 * Variables for functions from the developer's side of `switchboard dev`: an env file
 * (`.env.local`, or `--env-file FILE`) and `--env NAME` / `--env NAME=VALUE`. Which shell
 * variables reach the functions is explicit: only those named with `--env NAME`, never the whole
 * shell (a function sees no host variable it was not given, as on Lambda).
 *
 * Precedence, lowest first: the manifest's `environment` and `environmentFrom`, the env file,
 * `--env`, then the gateway's own variables (region, credentials, local endpoints, injected
 * names, Lambda's reserved ones), which neither may name.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { functionEnvironment, type LoadedManifest } from '@switchboard/manifest';
import type { ValueSource } from '@switchboard/manifest/names';
import { GatewayConfigError } from './errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The env file `switchboard dev` reads from its working folder when no `--env-file` is given. */
export const DEFAULT_ENV_FILE = '.env.local';

function checkName(name: string, origin: string): void {
  if (!NAME.test(name)) {
    throw new GatewayConfigError(`${origin}: "${name}" is not a variable name (letters, digits and "_").`);
  }
}

/**
 * The variables of a dotenv file (`NAME=value` lines, `#` comments, quotes), read with Node's own
 * parser. A missing file is an error: the caller decides whether the file is optional.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GatewayConfigError(`--env-file: cannot read "${path}" (${code ?? (error as Error).message})`);
  }
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    checkName(name, path);
    variables[name] = value ?? '';
  }
  return variables;
}

/**
 * `--env` values: `NAME=VALUE` sets a value, a bare `NAME` passes the shell's (an error when the
 * shell has none, so a typo is not a silently missing variable).
 */
export function envFlagVariables(flags: readonly string[], shell: NodeJS.ProcessEnv): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const flag of flags) {
    const equals = flag.indexOf('=');
    const name = equals === -1 ? flag : flag.slice(0, equals);
    checkName(name, `--env ${flag}`);
    if (equals !== -1) variables[name] = flag.slice(equals + 1);
    else {
      const value = shell[name];
      if (value === undefined)
        throw new GatewayConfigError(`--env ${name}: the shell has no variable ${name}`);
      variables[name] = value;
    }
  }
  return variables;
}

// Set by the local runtime for every function whatever it is given (Lambda reserves most too).
const RUNTIME_NAMES = /^(?:AWS_LAMBDA_\w+|LAMBDA_TASK_ROOT|_HANDLER|TZ)$/;

export interface FunctionVariablesInput {
  /** Values for `environmentFrom` (the signing secret). */
  values: Partial<Record<ValueSource, string>>;
  /** From the env file and `--env`, already layered. */
  variables: Record<string, string>;
  /** The gateway's own variables for every function: none of them may be given. */
  gatewayEnvironment: Record<string, string>;
  /** The injected variables' sources, as `computeFunctionEnvironment` had them. */
  connectionsEndpoint: string;
  stateMachineArns: Record<string, string>;
}

/**
 * The manifest the runtime runs: each function's `environment` as `@switchboard/manifest`
 * interprets it for this world (`environmentFrom` filled from `values`), with the developer's
 * variables over it. Anything that hands the runtime a (re)loaded manifest goes through here.
 * @throws {GatewayConfigError} when a variable names one the gateway sets.
 */
export function withFunctionVariables(loaded: LoadedManifest, input: FunctionVariablesInput): LoadedManifest {
  for (const name of Object.keys(input.variables)) {
    if (name in input.gatewayEnvironment || RUNTIME_NAMES.test(name)) {
      throw new GatewayConfigError(
        `The functions' variable ${name} is set by the gateway and cannot be given with --env or an env file` +
          ' (region and credentials have flags of their own: --region, --access-key-id, --secret-access-key).',
      );
    }
  }
  const { manifest } = loaded;
  const sources = {
    connectionsEndpoint: input.connectionsEndpoint,
    stateMachineArns: input.stateMachineArns,
    values: input.values,
  };
  const functions = Object.fromEntries(
    Object.entries(manifest.functions).map(([name, spec]) => [
      name,
      { ...spec, environment: { ...functionEnvironment(manifest, name, sources), ...input.variables } },
    ]),
  );
  return { ...loaded, manifest: { ...manifest, functions } };
}
