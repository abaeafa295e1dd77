import { resolvePageConfig, WebSocketUrlError } from '../src/config.js';

const at = (url: string) => {
  const { protocol, host, search } = new URL(url);
  return { protocol, host, search };
};

describe('resolvePageConfig', () => {
  it("connects to the default stage on the page's own host, ws: for http: and wss: for https:", () => {
    expect(resolvePageConfig(at('http://127.0.0.1:3001/'), '')).toEqual({
      webSocketUrl: 'ws://127.0.0.1:3001/dev',
      source: 'page',
    });
    expect(resolvePageConfig(at('https://demo.example.com/'), '').webSocketUrl).toBe(
      'wss://demo.example.com/dev',
    );
  });

  it('uses the URL baked in at build time over the page location', () => {
    const config = resolvePageConfig(
      at('https://cdn.example.com/'),
      'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod',
    );
    expect(config).toEqual({
      webSocketUrl: 'wss://abc123.execute-api.eu-west-1.amazonaws.com/prod',
      source: 'build',
    });
  });

  it('lets ?ws= override both, and passes ?token= on', () => {
    const config = resolvePageConfig(
      at('http://127.0.0.1:3001/?ws=ws://127.0.0.1:4000/test&token=abc.def'),
      'wss://built.example.com/prod',
    );
    expect(config).toEqual({ webSocketUrl: 'ws://127.0.0.1:4000/test', source: 'query', token: 'abc.def' });
  });

  it('refuses a ?ws= or build-time URL that is not a WebSocket URL, naming where it came from', () => {
    expect(() => resolvePageConfig(at('http://h/?ws=http://h/dev'), '')).toThrow(
      new WebSocketUrlError('query', 'http://h/dev'),
    );
    expect(() => resolvePageConfig(at('http://h/?ws=http://h/dev'), '')).toThrow(
      'The ?ws= parameter must be a ws:// or wss:// URL, got "http://h/dev"',
    );
    expect(() => resolvePageConfig(at('http://h/'), 'not a url')).toThrow(
      'SWITCHBOARD_WS_URL must be a ws:// or wss:// URL, got "not a url"',
    );
  });
});
