// Benchmark of the store against dynalite, through the real SDK: `pnpm --filter
// @switchboard/connection-store bench` (builds dist/ first). Prints median, min and max of
// several runs per scenario. Figures go into README.md.
import {
  connectionTableDefinition,
  createConnectionStore,
  createTableIfMissing,
  DEFAULT_ROOM_SHARDS,
} from '../dist/index.js';
import { startDynalite } from '../dist/testing/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SETUP_CONCURRENCY = 32;

const dynamo = await startDynalite();
const { client } = dynamo;

let tables = 0;
async function freshStore(options = {}) {
  tables += 1;
  const tableName = `bench-${tables}`;
  await createTableIfMissing(client, connectionTableDefinition(tableName));
  return createConnectionStore({ client, tableName, ...options });
}

/** Runs `task` over `items` with at most `limit` in flight (setup only, never measured). */
async function inParallel(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const ids = (prefix, count) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

async function measure(name, runs, { setup, run }) {
  const durations = [];
  let detail = '';
  for (let i = 0; i < runs; i++) {
    const state = await setup(i);
    const start = process.hrtime.bigint();
    detail = await run(state);
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  durations.sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)];
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(44)} median ${fmt(median).padStart(10)}  min ${fmt(durations[0]).padStart(10)}  max ${fmt(durations.at(-1)).padStart(10)}  ${detail}`,
  );
}

console.log(`dynalite in memory, ${RUNS} runs each, node ${process.version}`);

// Each room scenario at the default shard count and at 1 (the layout of before sharding).
for (const roomShards of [DEFAULT_ROOM_SHARDS, 1]) {
  const shards = `${roomShards} shard${roomShards === 1 ? '' : 's'}`;
  await measure(`join 1,000 members, ${shards} (sequential)`, RUNS, {
    setup: async () => {
      const store = await freshStore({ roomShards });
      const connectionIds = ids('c', 1000);
      await inParallel(connectionIds, SETUP_CONCURRENCY, (id) =>
        store.putConnection({ connectionId: id, userId: id }),
      );
      return { store, connectionIds };
    },
    run: async ({ store, connectionIds }) => {
      for (const id of connectionIds) await store.joinRoom(id, 'room');
      const count = await store.roomMemberCount('room');
      if (count !== 1000) throw new Error(`expected a count of 1000, read ${count}`);
      return '(GetItem, then UpdateItem + PutItem at once, then the count UpdateItem)';
    },
  });

  // One room of 10,000, filled once (untimed), read through stores with two page sizes.
  const filler = await freshStore({ roomShards });
  const members = ids('m', 10_000);
  await inParallel(members, SETUP_CONCURRENCY, async (id) => {
    await filler.putConnection({ connectionId: id, userId: id });
    await filler.joinRoom(id, 'big');
  });
  for (const pageSize of [100, 1000]) {
    const store = createConnectionStore({ client, tableName: filler.tableName, pageSize, roomShards });
    await measure(`iterate 10,000, ${shards} (pageSize ${pageSize})`, RUNS, {
      setup: async () => store,
      run: async (s) => {
        let count = 0;
        let pages = 0;
        for await (const page of s.roomMemberPages('big')) {
          pages += 1;
          count += page.length;
        }
        if (count !== 10_000) throw new Error(`expected 10000 members, read ${count}`);
        return `(${pages} Query pages)`;
      },
    });
  }
}

{
  const store = await freshStore();
  const rooms = ids('r', 100);
  await measure('remove a connection in 100 rooms', RUNS, {
    setup: async (i) => {
      const connectionId = `leaver-${i}`;
      await store.putConnection({ connectionId, userId: 'u' });
      await inParallel(rooms, SETUP_CONCURRENCY, (room) => store.joinRoom(connectionId, room));
      return connectionId;
    },
    run: async (connectionId) => {
      const removed = await store.removeConnection(connectionId);
      if (removed.deletedItems !== 201)
        throw new Error(`expected 201 deletions, got ${removed.deletedItems}`);
      return '(1 Query, 100 DeleteItem + 100 count UpdateItem 10 at a time, 5 BatchWriteItem)';
    },
  });
}

await dynamo.close();
