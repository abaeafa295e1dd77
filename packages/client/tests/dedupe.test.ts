import { createClient } from '../src/index.js';
import { RecentIds } from '../src/recent-ids.js';
import { connectedClient, nextEvent } from './support/client-helpers.js';

const t = connectedClient();
const chat = (id: string, text: string) =>
  JSON.stringify({ type: 'message', room: 'r', from: 'ann', text, id, sentAt: 5 });

describe('duplicate chat messages (a big room is delivered at least once)', () => {
  it('delivers a message once when the server sends it twice, by its id', async () => {
    const texts: string[] = [];
    t.client.on('message', (message) => texts.push(message.text));
    t.server.push(chat('m1', 'first'));
    t.server.push(chat('m1', 'first again'));
    t.server.push(chat('m2', 'second'));
    await nextEvent(t.client, 'message');
    while (texts.length < 2) await nextEvent(t.client, 'message');
    expect(texts).toEqual(['first', 'second']);
  });
});

describe('RecentIds', () => {
  it('forgets the oldest id beyond its capacity, and keeps nothing at 0', () => {
    const ids = new RecentIds(2);
    expect([ids.add('a'), ids.add('b'), ids.add('a')]).toEqual([true, true, false]);
    ids.add('c');
    expect(ids.add('a')).toBe(true);
    const off = new RecentIds(0);
    expect([off.add('a'), off.add('a')]).toEqual([true, true]);
  });

  it('is refused negative as an option, with its name', () => {
    expect(() => createClient({ url: 'ws://127.0.0.1:1/dev', dedupeWindow: -1 })).toThrow(/dedupeWindow/);
  });
});
