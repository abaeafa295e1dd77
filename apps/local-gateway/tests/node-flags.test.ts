import { gatewayNodeFlags, relaunchArgv, relaunchEnv } from '../src/node-flags.js';

const node = '/usr/bin/node';
const argv = [node, '/app/dist/cli.js', 'dev', '--port', '0'];

describe('relaunchArgv', () => {
  it('puts the gateway flags before the user’s own Node flags and keeps the command line', () => {
    expect(relaunchArgv(node, ['--enable-source-maps'], argv)).toEqual([
      node,
      ...gatewayNodeFlags,
      '--enable-source-maps',
      '/app/dist/cli.js',
      'dev',
      '--port',
      '0',
    ]);
  });

  it('does not relaunch a process that already runs with the flags', () => {
    expect(relaunchArgv(node, [...gatewayNodeFlags], argv)).toBeUndefined();
  });

  it('leaves the young generation to a user who sized it, on the command line or in NODE_OPTIONS', () => {
    expect(relaunchArgv(node, ['--max-semi-space-size=32'], argv)).toBeUndefined();
    expect(relaunchArgv(node, [], argv, '--trace-warnings --max-semi-space-size=16')).toBeUndefined();
  });

  it('does not relaunch under a debugger, which would lose the session', () => {
    expect(relaunchArgv(node, ['--inspect-brk'], argv)).toBeUndefined();
    expect(relaunchArgv(node, [], argv, '--inspect=9229')).toBeUndefined();
  });

  it('relaunches when NODE_OPTIONS has other flags only', () => {
    expect(relaunchArgv(node, [], argv, '--trace-warnings')?.slice(0, 2)).toEqual([
      node,
      gatewayNodeFlags[0],
    ]);
  });
});

describe('relaunchEnv', () => {
  it('caps glibc malloc arenas unless the user chose a number', () => {
    expect(relaunchEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(relaunchEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });
});
