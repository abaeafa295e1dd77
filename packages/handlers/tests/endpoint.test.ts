import { resolveConnectionsEndpoint } from '../src/adapters/endpoint.js';
import { ConfigError } from '../src/errors.js';

const event = { domainName: 'abc123.execute-api.us-east-1.amazonaws.com', stage: 'dev' };

describe('resolveConnectionsEndpoint', () => {
  it('prefers CONNECTIONS_ENDPOINT (a custom domain is not the execute-api host)', () => {
    expect(resolveConnectionsEndpoint({ CONNECTIONS_ENDPOINT: 'https://ws.example.com/v1/' }, event)).toEqual(
      {
        endpoint: 'https://ws.example.com/v1',
      },
    );
  });

  it('leaves the endpoint to the SDK when AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI is set', () => {
    const env = { AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:3001/dev' };
    expect(resolveConnectionsEndpoint(env, event)).toEqual({ endpoint: undefined });
  });

  it('falls back to https://{domainName}/{stage} of the event', () => {
    expect(resolveConnectionsEndpoint({}, event)).toEqual({
      endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev',
    });
  });

  it('fails with a ConfigError naming the variable when nothing locates the stage', () => {
    expect(() => resolveConnectionsEndpoint({})).toThrow(ConfigError);
    expect(() => resolveConnectionsEndpoint({})).toThrow(/CONNECTIONS_ENDPOINT/);
  });
});
