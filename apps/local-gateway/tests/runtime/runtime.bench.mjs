// Benchmark of the function runtime and the local Step Functions (not a test: it imports dist/).
//   pnpm --filter @switchboard/local-gateway build && pnpm --filter @switchboard/local-gateway bench
// Bounded in count and time: the machine is shared.
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { functionArnPlaceholder, loadManifest } from '@switchboard/manifest';
import { createFunctionRuntime, defaultMaxEnvironmentsPerFunction } from '../../dist/runtime/index.js';
import { invokeFunctionWith, startStepFunctions } from '../../dist/services/index.js';

const loaded = loadManifest(join(import.meta.dirname, '..', 'fixtures', 'runtime', 'manifest.json'));
const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const ms = (value) => `${value.toFixed(2)} ms`;

const runtime = createFunctionRuntime({ loaded, environment: { AWS_REGION: 'us-east-1' }, onLog: () => {} });
let start = performance.now();
await runtime.invoke('echo', {});
console.log(`cold start (worker + import + first call): ${ms(performance.now() - start)}`);

const warm = [];
for (let i = 0; i < 500; i++) {
  start = performance.now();
  await runtime.invoke('echo', { i });
  warm.push(performance.now() - start);
}
console.log(
  `warm sequential invoke, 500 calls: p50 ${ms(quantile(warm, 0.5))}, p99 ${ms(quantile(warm, 0.99))}`,
);

start = performance.now();
await Promise.all(Array.from({ length: 2000 }, (_, i) => runtime.invoke('echo', { i })));
const seconds = (performance.now() - start) / 1000;
console.log(
  `2000 overlapping invokes (up to ${defaultMaxEnvironmentsPerFunction()} environments): ${(2000 / seconds).toFixed(0)} invokes/s`,
);

const sfn = await startStepFunctions({
  stateMachines: {
    one: {
      definition: {
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: functionArnPlaceholder('echo'), End: true } },
      },
    },
  },
  region: 'us-east-1',
  accountId: '000000000000',
  invokeFunction: invokeFunctionWith(runtime),
  postToConnection: async () => ({ statusCode: 200 }),
});
const client = new SFNClient({
  endpoint: sfn.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
});
const lifetimes = [];
for (let i = 0; i < 200; i++) {
  start = performance.now();
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArns.one, input: '{}' }),
  );
  await sfn.waitForExecution(executionArn);
  await client.send(new DescribeExecutionCommand({ executionArn }));
  lifetimes.push(performance.now() - start);
}
console.log(
  `StartExecution -> one Lambda task -> DescribeExecution, 200 runs: p50 ${ms(quantile(lifetimes, 0.5))}, p99 ${ms(quantile(lifetimes, 0.99))}`,
);
client.destroy();
await sfn.close();
await runtime.close();
