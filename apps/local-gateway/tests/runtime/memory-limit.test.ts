import { join } from 'node:path';
import { loadManifest } from '@switchboard/manifest';
import { createFunctionRuntime } from '../../src/runtime/index.js';

const loaded = loadManifest(join(__dirname, '..', 'fixtures', 'runtime', 'manifest.json'));

describe('memoryMb', () => {
  it('ends an environment that outgrows its memory as a crash; the next call gets a fresh one', async () => {
    const runtime = createFunctionRuntime({ loaded, environment: {} });
    try {
      const result = await runtime.invoke('hog', {});

      expect(result).toMatchObject({ ok: false, error: { kind: 'crash', errorType: 'Runtime.OutOfMemory' } });
      await expect(runtime.invoke('echo', {})).resolves.toMatchObject({ ok: true });
    } finally {
      await runtime.close();
    }
  });
});
