// The README's typed-client example, as it runs. From the repository root, with `pnpm dev` running:
//   pnpm exec node packages/client/examples/chat.ts [ws-url]
// (Node 24 runs TypeScript and has a global WebSocket; in Node 20 pass `WebSocket` from `ws`.)
import { createClient } from '@switchboard/client';

const client = createClient({ url: process.argv[2] ?? 'ws://127.0.0.1:3001/dev' });
client.on('message', (m) => console.log(`${m.from}: ${m.text}`));
await client.request('join', { room: 'lobby' });
const mine = await client.request('send', { room: 'lobby', text: 'hello from the typed client' });
console.log(`sent as ${mine.from} (message ${mine.id})`);
client.close();
