/**
 * The manifest format: the contract between an app's build (which writes `manifest.json`), the
 * local gateway (which runs it) and infra (which deploys it). Extend it compatibly: add optional
 * fields, never rename or repurpose one. A field whose empty value is obvious (no tables, no
 * functions, no identity sources) may be left out; {@link parseManifest} fills it in.
 */
import { z } from 'zod';
import { permissionNames, valueSourceNames } from './names.js';

/** Lambda style: a path relative to the manifest's folder without extension, a dot, the export. */
const handlerPattern = /^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/;

const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

export const functionSpecSchema = z.strictObject({
  handler: z.string().regex(handlerPattern, 'expected "<path without extension>.<export>"'),
  /** Route keys this function serves; none means an authorizer or a workflow task. */
  routes: z.array(z.string().min(1)).optional(),
  /** Two-way route: the returned `body` is sent back to the caller. */
  routeResponse: z.boolean().optional(),
  environment: z.record(variableName, z.string()).optional(),
  /**
   * Variables whose value the world supplies, by source: `{ "JWT_SECRET": "localSigningSecret" }`.
   * A world with no value for a source leaves the variable unset (see {@link valueSourceNames}).
   */
  environmentFrom: z.record(variableName, z.enum(valueSourceNames)).optional(),
  /** @default 3 (Lambda's default); API Gateway stops waiting after 29 s regardless. */
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
  /** @default 128 */
  memoryMb: z.number().int().min(128).max(10240).optional(),
  /** @default [] (the function touches nothing but its own logs) */
  permissions: z.array(z.enum(permissionNames)).optional(),
});

export const authorizerSpecSchema = z.strictObject({
  /** Name of a function in `functions`. */
  function: z.string().min(1),
  /**
   * e.g. `route.request.querystring.token`, `route.request.header.Authorization`.
   * @default [] (API Gateway calls the authorizer for every upgrade)
   */
  identitySources: z.array(z.string().regex(/^route\.request\.(querystring|header)\.[^.]+$/)).default([]),
});

export const stateMachineSpecSchema = z.strictObject({
  /** Amazon States Language. Lambda task resources use {@link functionArnPlaceholder}. */
  definition: z.record(z.string(), z.unknown()),
  /**
   * `EXPRESS` for short, high-rate workflows (at most 5 minutes, at-least-once, no execution
   * history but the logs), such as a broadcast's fan-out.
   * @default 'STANDARD'
   */
  type: z.enum(['STANDARD', 'EXPRESS']).optional(),
});

export const manifestSchema = z.strictObject({
  routeSelectionExpression: z.string().min(1),
  authorizer: authorizerSpecSchema.optional(),
  /** DynamoDB `CreateTable` inputs. @default [] (an app without a table) */
  tables: z.array(z.looseObject({ TableName: z.string().min(3) })).default([]),
  stateMachines: z.record(z.string(), stateMachineSpecSchema).optional(),
  /** @default {} (every connection is accepted, every message answered `Forbidden`) */
  functions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), functionSpecSchema).default({}),
});

export type FunctionSpec = z.infer<typeof functionSpecSchema>;
export type AuthorizerSpec = z.infer<typeof authorizerSpecSchema>;
export type StateMachineSpec = z.infer<typeof stateMachineSpecSchema>;
/** A validated manifest, defaults filled in (what {@link parseManifest} returns). */
export type Manifest = z.infer<typeof manifestSchema>;
/** A manifest as written: the fields with an obvious empty value may be absent. */
export type ManifestInput = z.input<typeof manifestSchema>;

/**
 * The format as JSON Schema (draft 2020-12), for tools in other languages. It describes the file
 * as written, so fields with a default are optional in it.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(manifestSchema, { io: 'input' }) as Record<string, unknown>;
}
