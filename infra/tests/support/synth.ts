/** Synthesizes stacks in-process and reads the Terraform JSON the way Terraform would. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedManifest, loadManifest, type Manifest } from '@switchboard/manifest';
import { Testing } from 'cdktf';
import type { EnvConfig, Stage } from '../../src/config/environments.js';
import { SwitchboardStack } from '../../src/stack.js';
import { testEnvironments } from './environments.js';

export const fixtureManifestPath = join(__dirname, '..', 'fixtures', 'handlers-dist', 'manifest.json');

export type Block = Record<string, unknown>;

export interface TerraformJson {
  terraform: Block;
  provider: Record<string, Block[]>;
  data: Record<string, Record<string, Block>>;
  resource: Record<string, Record<string, Block>>;
  output: Record<string, { value: string; description?: string }>;
}

export function loadFixture(): LoadedManifest {
  return loadManifest(fixtureManifestPath);
}

/** The fixture with a change applied to a deep copy of its manifest (same bundles). */
export function withManifest(change: (manifest: Manifest) => void, loaded = loadFixture()): LoadedManifest {
  const manifest = structuredClone(loaded.manifest);
  change(manifest);
  return { ...loaded, manifest };
}

/**
 * A test app whose outdir is this package's `.test-results/cdktf`: `Testing.app()` without one
 * makes a new temp folder per call and never removes it (nine per test run).
 */
export function testApp(): ReturnType<typeof Testing.app> {
  // Testing.synth writes nothing; the app only needs an existing outdir.
  const outdir = join(__dirname, '..', '..', '.test-results', 'cdktf');
  mkdirSync(outdir, { recursive: true });
  return Testing.app({ outdir });
}

/** The stack's Terraform JSON, without writing assets (fast: no zip is built). */
export function synthStack(
  stage: Stage,
  loaded: LoadedManifest = loadFixture(),
  config: EnvConfig = testEnvironments[stage],
): TerraformJson {
  const stack = new SwitchboardStack(testApp(), stage, { stage, config, loaded });
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** Resources of one type as [name, body] pairs. */
export function resourcesOf(json: TerraformJson, type: string): [string, Block][] {
  return Object.entries(json.resource[type] ?? {});
}

/** The body of the Lambda function deployed as `functionName`; throws when there is none. */
export function lambdaNamed(json: TerraformJson, functionName: string): Block {
  const found = resourcesOf(json, 'aws_lambda_function').find(([, fn]) => fn.function_name === functionName);
  if (!found) throw new Error(`no aws_lambda_function named ${functionName}`);
  return found[1];
}

/** The body of the resource `${type}.${name}` a reference points at. */
export function resolveRef(json: TerraformJson, ref: string): Block {
  const match = /^\$\{(aws_[a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(ref);
  if (!match) throw new Error(`not a single resource reference: ${ref}`);
  const [, type, name] = match;
  const body = json.resource[type!]?.[name!];
  if (!body) throw new Error(`no resource ${type}.${name}`);
  return body;
}

/** `${aws_x.name.attr}` → `aws_x.name` for every reference in a value (any depth). */
export function referencesIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(/\$\{((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
}

/** A dependency cycle among resources (references plus depends_on), or undefined. */
export function findCycle(json: TerraformJson): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const { depends_on: dependsOn, ...rest } = body;
      edges.set(`${type}.${name}`, [...referencesIn(rest), ...((dependsOn as string[] | undefined) ?? [])]);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource: string[];
}

/** Every inline policy statement of the stack, with the role it belongs to. */
export function policyStatements(
  json: TerraformJson,
): { role: string; policy: string; statement: Statement }[] {
  return resourcesOf(json, 'aws_iam_role_policy').flatMap(([, body]) => {
    const document = JSON.parse(body.policy as string) as { Statement: Statement[] };
    return document.Statement.map((statement) => ({
      role: body.role as string,
      policy: body.name as string,
      statement,
    }));
  });
}

/** The body of the one resource of a type; throws when there are none or several. */
export function onlyResource(json: TerraformJson, type: string): Block {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]![1];
}
