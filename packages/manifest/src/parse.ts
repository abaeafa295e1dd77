import { ManifestError } from './errors.js';
import { type Manifest, manifestSchema } from './format.js';

/**
 * Validates a parsed manifest, fills in the defaults of optional fields, and checks its
 * cross-references (the authorizer names a function, a route is served once).
 * @throws {ManifestError} with one issue per offending path.
 * @example
 * const manifest = parseManifest({ routeSelectionExpression: '$request.body.action' });
 * manifest.tables; // []
 */
export function parseManifest(value: unknown): Manifest {
  const result = manifestSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ManifestError('Invalid manifest', issues);
  }
  const manifest = result.data;
  const problems: string[] = [];
  const authorizer = manifest.authorizer?.function;
  if (authorizer && !manifest.functions[authorizer]) {
    problems.push(`authorizer.function: no function named "${authorizer}"`);
  }
  const seen = new Map<string, string>();
  for (const [name, spec] of Object.entries(manifest.functions)) {
    // One variable, one origin: a value written down and a source for the same name would make
    // the world decide which wins.
    for (const variable of Object.keys(spec.environmentFrom ?? {})) {
      if (spec.environment?.[variable] !== undefined) {
        problems.push(`functions.${name}.environmentFrom.${variable}: also set in environment`);
      }
    }
    for (const route of spec.routes ?? []) {
      const other = seen.get(route);
      if (other) problems.push(`functions.${name}.routes: "${route}" is already served by "${other}"`);
      seen.set(route, name);
    }
  }
  if (problems.length) throw new ManifestError('Invalid manifest', problems);
  return manifest;
}
