import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import { stages } from '../src/config/environments.js';
import { defaultManifestPath } from '../src/manifest-source.js';
import { findCycle, policyStatements, resourcesOf, synthStack } from './support/synth.js';

// The handlers' real build output. CI builds it before this package's tests (turbo: test
// depends on ^build); on a fresh checkout without that build the suite is skipped, visibly.
const realManifestPath = defaultManifestPath(join(__dirname, '..'));
const built = existsSync(realManifestPath);
const describeIfBuilt = built ? describe : describe.skip;

describeIfBuilt(
  built
    ? 'the real handlers manifest'
    : `the real handlers manifest (skipped: ${realManifestPath} is not built)`,
  () => {
    it('synthesizes every environment with every route wired and no wildcard IAM', () => {
      const loaded = loadManifest(realManifestPath);
      const routeKeys = Object.values(loaded.manifest.functions).flatMap((f) => f.routes ?? []);
      for (const stage of stages) {
        const json = synthStack(stage, loaded);
        const routes = resourcesOf(json, 'aws_apigatewayv2_route').map(([, r]) => r.route_key);
        expect(routes.sort()).toEqual([...routeKeys].sort());
        expect(resourcesOf(json, 'aws_lambda_permission').length).toBeGreaterThanOrEqual(routeKeys.length);
        for (const { statement } of policyStatements(json)) {
          for (const action of statement.Action) expect(action).not.toMatch(/(^|:)\*$/);
        }
        expect(findCycle(json)).toBeUndefined();
      }
    });
  },
);
