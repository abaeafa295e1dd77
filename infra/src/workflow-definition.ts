/**
 * The manifest's Amazon States Language with real function ARNs: every placeholder ARN
 * (`functionArnPlaceholder(name)`) is swapped for the deployed function's ARN, wherever it sits
 * (`Resource` of a Lambda task, `FunctionName` of `lambda:invoke`, inside a Map's processor).
 */
import { functionNameOfPlaceholder } from '@switchboard/manifest';
import { ManifestTranslationError } from './errors.js';

/** The definition as the JSON string `aws_sfn_state_machine.definition` expects. */
export interface ResolvedWorkflow {
  definition: string;
  /** Manifest functions the workflow invokes: its role may invoke exactly these. */
  invokedFunctions: string[];
}

// Terraform reads `${` and `%{` in any string of the configuration as an interpolation or a
// directive; a literal one in the ASL must be escaped as `$${` / `%%{`.
// (A replacer function, because `$$` in a replacement string means one `$`.)
const escapeTerraform = (text: string) => text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');

/**
 * Resolves a manifest state machine definition.
 * @param arnOf the deployed ARN of a manifest function (a cdktf token is fine)
 * @example resolveWorkflow('notify', definition, (fn) => functions.get(fn)!.arn)
 */
export function resolveWorkflow(
  stateMachine: string,
  definition: Record<string, unknown>,
  arnOf: (functionName: string) => string | undefined,
): ResolvedWorkflow {
  const invoked = new Set<string>();
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const fn = functionNameOfPlaceholder(value);
      if (fn !== undefined) {
        const arn = arnOf(fn);
        if (!arn) throw new ManifestTranslationError(`${path}: no function named "${fn}" in the manifest`);
        invoked.add(fn);
        return arn;
      }
      if (value.startsWith('arn:aws:lambda:')) {
        throw new ManifestTranslationError(
          `${path}: "${value}" is a fixed Lambda ARN; use functionArnPlaceholder(<function>)`,
        );
      }
      if (value.startsWith('arn:aws:states:::apigateway:invoke')) {
        // Its ApiEndpoint would need an API id placeholder, which the manifest format lacks.
        throw new ManifestTranslationError(
          `${path}: apigateway:invoke tasks are not supported by infra yet; notify through a Lambda task`,
        );
      }
      return escapeTerraform(value);
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}.${i}`));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [escapeTerraform(k), walk(v, `${path}.${k}`)]),
      );
    }
    return value;
  };
  const resolved = walk(definition, `stateMachines.${stateMachine}.definition`);
  return { definition: JSON.stringify(resolved), invokedFunctions: [...invoked].sort() };
}
