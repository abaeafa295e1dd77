import { Ajv2020 } from 'ajv/dist/2020.js';
import { manifestJsonSchema, parseManifest } from '../src/index.js';

// Issue 14 item 8: a field whose empty value is obvious may be left out of the file.
describe('fields with an obvious empty value', () => {
  const bare = { routeSelectionExpression: '$request.body.action' };

  it('accepts a manifest with only a route selection expression, defaults filled in', () => {
    const manifest = parseManifest(bare);
    expect(manifest.tables).toEqual([]);
    expect(manifest.functions).toEqual({});
    expect(manifest.stateMachines).toBeUndefined();
  });

  it('accepts a function with only a handler', () => {
    const manifest = parseManifest({ ...bare, functions: { task: { handler: 'task.handler' } } });
    expect(manifest.functions.task).toEqual({ handler: 'task.handler' });
  });

  it('accepts an authorizer without identity sources, as none', () => {
    const manifest = parseManifest({
      ...bare,
      authorizer: { function: 'auth' },
      functions: { auth: { handler: 'auth.handler' } },
    });
    expect(manifest.authorizer).toEqual({ function: 'auth', identitySources: [] });
  });

  it('still requires what has no obvious empty value', () => {
    expect(() => parseManifest({})).toThrow(/routeSelectionExpression/);
    expect(() => parseManifest({ ...bare, functions: { f: {} } })).toThrow(/functions\.f\.handler/);
    expect(() => parseManifest({ ...bare, stateMachines: { notify: {} } })).toThrow(
      /stateMachines\.notify\.definition/,
    );
  });

  it('leaves them optional in the JSON Schema, which describes the file as written', () => {
    const validate = new Ajv2020({ strict: false }).compile(manifestJsonSchema());
    expect(validate(bare)).toBe(true);
    expect(validate({ ...bare, authorizer: { function: 'auth' } })).toBe(true);
    expect(validate({})).toBe(false);
  });
});
