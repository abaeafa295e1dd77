import { join, resolve } from 'node:path';
import { defaultManifestPath, MANIFEST_ENV_VAR, resolveManifestPath } from '../src/manifest-source.js';
import { createNaming } from '../src/naming.js';
import { ConfigError } from '../src/errors.js';

const infraDir = join(__dirname, '..');

describe('resolveManifestPath', () => {
  it("defaults to the handlers package's dist/manifest.json", () => {
    expect(defaultManifestPath(infraDir)).toBe(
      resolve(infraDir, '..', 'packages', 'handlers', 'dist', 'manifest.json'),
    );
    expect(resolveManifestPath({ env: {}, fromDir: infraDir })).toBe(defaultManifestPath(infraDir));
  });

  it(`is overridden by ${MANIFEST_ENV_VAR}, relative to the working directory`, () => {
    expect(resolveManifestPath({ env: { [MANIFEST_ENV_VAR]: 'x/manifest.json' }, fromDir: infraDir })).toBe(
      resolve('x/manifest.json'),
    );
  });
});

describe('createNaming', () => {
  const naming = createNaming('dev');

  it('prefixes every name with app and stage, and uses the log group paths AWS services write to', () => {
    expect(naming.name('function', 'ping')).toBe('switchboard-dev-ping');
    expect(naming.name('lambdaLogGroup', 'ping')).toBe('/aws/lambda/switchboard-dev-ping');
    expect(naming.name('workflowLogGroup', 'notify')).toBe('/aws/vendedlogs/states/switchboard-dev-notify');
  });

  it('refuses a name longer than the service allows', () => {
    expect(() => naming.name('function', 'x'.repeat(60))).toThrow(ConfigError);
    expect(() => naming.name('function', 'x'.repeat(60))).toThrow(/is 76 characters; AWS allows 64/);
  });
});
