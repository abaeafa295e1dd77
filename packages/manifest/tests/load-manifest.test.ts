import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, ManifestError } from '../src/index.js';

describe('loadManifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-load-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('returns the manifest with the folder its handlers are relative to', () => {
    const path = write('ok.json', JSON.stringify({ routeSelectionExpression: '$request.body.action' }));
    const loaded = loadManifest(path);
    expect(loaded).toEqual({
      manifest: { routeSelectionExpression: '$request.body.action', tables: [], functions: {} },
      baseDir: dir,
      path,
    });
  });

  it('names the file that is missing, not JSON, or invalid', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadManifest(missing)).toThrow(`Cannot read manifest ${missing}`);
    const notJson = write('bad.json', '{');
    expect(() => loadManifest(notJson)).toThrow(new RegExp(`Manifest ${notJson} is not JSON`));
    const invalid = write('invalid.json', JSON.stringify({ functions: { f: { handler: 'x' } } }));
    try {
      loadManifest(invalid);
      throw new Error('expected a ManifestError');
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      expect((error as Error).message).toContain(`Invalid manifest ${invalid}`);
      expect((error as ManifestError).issues).toEqual([
        'routeSelectionExpression: Invalid input: expected string, received undefined',
        'functions.f.handler: expected "<path without extension>.<export>"',
      ]);
    }
  });
});
