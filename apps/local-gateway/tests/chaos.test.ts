import { collectMessages, openClient, sleep } from '../src/testing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const echo = { functions: { echo: { routes: ['ask'], routeResponse: true } } };
const answer = (event: { body?: string }) => ({ statusCode: 200, body: JSON.parse(event.body!).n });

async function repliesInArrivalOrder(gw: TestGateway, count: number): Promise<string[]> {
  const ws = await openClient(gw.address.webSocketUrl);
  const replies = collectMessages(ws);
  for (let n = 0; n < count; n++) ws.send(JSON.stringify({ action: 'ask', n: String(n) }));
  for (let waited = 0; replies.length < count && waited < 5000; waited += 20) await sleep(20);
  ws.close();
  return replies;
}

describe('chaos mode', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  const sent = Array.from({ length: 30 }, (_, n) => String(n));

  it('delivers every reply, out of the order the messages were sent', async () => {
    gw = await startTestGateway(echo, { echo: answer }, { chaosMaxDelayMs: 40 });
    const replies = await repliesInArrivalOrder(gw, sent.length);
    expect([...replies].sort((a, b) => Number(a) - Number(b))).toEqual(sent);
    // 30 replies keeping their order under random 0-40 ms holds: about 1 chance in 30!.
    expect(replies).not.toEqual(sent);
  });

  it('is off by default: the fake runtime answers in order', async () => {
    gw = await startTestGateway(echo, { echo: answer });
    expect(await repliesInArrivalOrder(gw, sent.length)).toEqual(sent);
  });

  it('refuses a negative delay', async () => {
    await expect(startTestGateway(echo, { echo: answer }, { chaosMaxDelayMs: -1 })).rejects.toThrow(
      /Invalid chaosMaxDelayMs -1/,
    );
  });
});
