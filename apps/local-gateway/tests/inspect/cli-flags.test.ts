import { join } from 'node:path';
import { parseCommandLine } from '../../src/cli-args.js';

const manifest = join(__dirname, '..', 'fixtures', 'inspect', 'manifest.json');

describe('switchboard dev flags of the inspector and the access log', () => {
  it('reads --access-log, --inspector and the ring sizes', () => {
    const command = parseCommandLine([
      'dev',
      '--manifest',
      manifest,
      '--access-log',
      '-',
      '--inspector',
      '--inspector-frames',
      '50',
      '--inspector-invocations',
      '0',
    ]);
    expect(command).toMatchObject({
      kind: 'dev',
      options: { accessLog: '-', inspector: true, inspectorFrames: 50, inspectorInvocations: 0 },
    });
  });

  it('leaves the inspector to its default (loopback only) when not given', () => {
    const command = parseCommandLine(['dev', '--manifest', manifest]);
    expect(command.kind === 'dev' && 'inspector' in command.options).toBe(false);
  });

  it('refuses a ring size that is not a whole number', () => {
    expect(() => parseCommandLine(['dev', '--manifest', manifest, '--inspector-frames', 'many'])).toThrow(
      '--inspector-frames expects a whole number, got "many"',
    );
  });
});
