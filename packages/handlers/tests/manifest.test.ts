import { connectionTable } from '@switchboard/connection-store';
import { clientActions } from '@switchboard/protocol';
import { manifestJsonSchema, parseManifest } from '@switchboard/manifest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { appFunctions } from '../src/app-functions.js';
import { buildAppManifest } from '../src/app-manifest.js';

const manifest = buildAppManifest();
const customRoutes = Object.values(manifest.functions)
  .flatMap((fn) => fn.routes ?? [])
  .filter((route) => !route.startsWith('$'));

describe('the reference manifest', () => {
  it('passes parseManifest (the contract the gateway and infra load)', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it('validates against its own JSON Schema with ajv', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(manifestJsonSchema());
    expect(validate(JSON.parse(JSON.stringify(manifest)))).toBe(true);
    // The schema is not vacuous: a handler without an export is refused.
    const broken = structuredClone(manifest) as { functions: Record<string, { handler: string }> };
    broken.functions.ping!.handler = 'functions/ping/index';
    expect(validate(broken)).toBe(false);
  });

  it('has a route for every protocol action and an action for every custom route', () => {
    expect([...customRoutes].sort()).toEqual([...clientActions].sort());
  });

  it('serves $connect, $disconnect and $default', () => {
    const routes = Object.values(manifest.functions).flatMap((fn) => fn.routes ?? []);
    expect(routes).toEqual(expect.arrayContaining(['$connect', '$disconnect', '$default']));
  });

  it('keeps the lifecycle routes, the authorizer and the workflow tasks one-way', () => {
    // `routeResponse` is for protocol actions answered in the route response (ping, and any
    // route added the same way); $connect, $disconnect and $default post or return a status.
    const twoWay = Object.values(manifest.functions).filter((fn) => fn.routeResponse);
    expect(twoWay.length).toBeGreaterThan(0);
    for (const fn of twoWay) {
      expect(fn.routes?.length).toBeGreaterThan(0);
      for (const route of fn.routes ?? []) expect(route.startsWith('$')).toBe(false);
    }
    expect(manifest.functions.ping?.routeResponse).toBe(true);
  });

  it('points every handler at its bundle, Lambda style', () => {
    for (const [name, fn] of Object.entries(manifest.functions)) {
      expect(fn.handler).toBe(`functions/${name}/index.handler`);
    }
  });

  it('takes its table from the store and lets guests reach the authorizer', () => {
    expect(manifest.tables).toEqual([connectionTable]);
    expect(manifest.authorizer).toEqual({ function: 'authorize', identitySources: [] });
    expect(manifest.functions.authorize?.routes).toBeUndefined();
  });

  it('grants startWorkflow to the starters (submitJob, rooms for fan-out) only, and connections to those that post', () => {
    const holders = (permission: string) =>
      Object.entries(appFunctions)
        .filter(([, fn]) => (fn.permissions as readonly string[]).includes(permission))
        .map(([name]) => name);
    expect(holders('startWorkflow')).toEqual(['rooms', 'submitJob']);
    expect(holders('connections')).toEqual(['default', 'rooms', 'submitJob', 'doWork', 'notify', 'fanOut']);
  });
});
