import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { nextMessage, openClient } from '../src/testing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('the https domainName', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(
      { functions: { reply: { routes: ['$default'] } } },
      {
        // Written as for AWS: the endpoint comes from the event, nothing local about it.
        reply: async (event) => {
          const { domainName, stage, connectionId } = event.requestContext;
          const client = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
          await client.send(
            new PostToConnectionCommand({ ConnectionId: connectionId, Data: `re: ${event.body}` }),
          );
          return { statusCode: 200 };
        },
      },
    );
    // What a function's environment does with NODE_EXTRA_CA_CERTS: trust the gateway's certificate.
    const caFile = gw.address.functionEnvironment.NODE_EXTRA_CA_CERTS!;
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), readFileSync(caFile, 'utf8')]);
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
  });
  afterAll(() => gw.close());

  it('names an HTTPS listener of the same API in domainName, with a certificate functions trust', () => {
    expect(gw.address.domainName).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(readFileSync(gw.address.functionEnvironment.NODE_EXTRA_CA_CERTS!, 'utf8')).toBe(
      gw.address.caCertificate,
    );
  });

  it('lets a handler written for AWS post back through its https endpoint from the event', async () => {
    const ws = await openClient(gw.address.webSocketUrl);
    ws.send('hello');
    expect(await nextMessage(ws, 5000)).toBe('re: hello');
    ws.close();
  });

  it('serves wss:// on the same listener', async () => {
    const ws = await openClient(`wss://${gw.address.domainName}/dev`, undefined, {
      ca: gw.address.caCertificate,
    });
    ws.send('over tls');
    expect(await nextMessage(ws, 5000)).toBe('re: over tls');
    ws.close();
  });
});
