/**
 * AWS list prices (USD, on-demand, no free tier) for what a Switchboard stack is billed for.
 * Read on 2026-12-07 from the sources below; "verified" says which figures a second source
 * confirmed at that date. Prices change: check the sources before relying on a figure.
 */

export interface RegionPrices {
  apiGateway: {
    /** Per million WebSocket messages (each 32 KB started is a message), first billion a month. */
    messagesPerMillion: number;
    /** Per million connection minutes. */
    connectionMinutesPerMillion: number;
  };
  lambda: {
    requestsPerMillion: number;
    /** arm64 (infra deploys arm64), first 7.5 billion GB-seconds a month. */
    gbSecondArm64: number;
  };
  dynamodb: { writeRequestUnitsPerMillion: number; readRequestUnitsPerMillion: number };
  stepFunctions: {
    standardTransitionsPerThousand: number;
    /** Express workflows (the reference app's fan-out): per million executions started. */
    expressRequestsPerMillion: number;
    /** Express duration, per GB-second (memory billed in 64 MB steps, 100 ms minimum). */
    expressGbSecond: number;
  };
  /** For docs/cost.md's comparison: AppSync Events. */
  appSyncEvents: { operationsPerMillion: number; connectionMinutesPerMillion: number };
}

export const priceTable = {
  date: '2026-12-07',
  currency: 'USD',
  sources: [
    'https://aws.amazon.com/api-gateway/pricing/',
    'https://aws.amazon.com/lambda/pricing/',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    'https://aws.amazon.com/step-functions/pricing/',
    'https://aws.amazon.com/appsync/pricing/',
  ],
  notes: [
    'API Gateway us-east-1: $0.25 per million connection minutes confirmed (AWS re:Post quoting the pricing page); $1.00 per million messages for the first billion not confirmed by a second source at the date (the pricing page renders its rates with scripts).',
    'API Gateway eu-west-1 ($1.14 messages, $0.285 connection minutes): not verified at the date.',
    'Lambda arm64 $0.0000133334 per GB-second in both regions: confirmed by the rate table of artillery 2.0.28 (lib/platform/aws-lambda/prices.js); $0.20 per million requests confirmed for us-east-1, not for eu-west-1.',
    'DynamoDB us-east-1 on-demand ($0.625 WRU, $0.125 RRU per million, after the November 2024 cut): confirmed by two secondary sources; eu-west-1 figures not verified.',
    'Step Functions Standard $0.025 per 1,000 state transitions: confirmed for us-east-1 by a secondary source; eu-west-1 not verified.',
    'Step Functions Express $1.00 per million requests: confirmed by a secondary source; $0.00001667 per GB-second (first 1,000 GB-hours) not verified at the date, for either region.',
    'AppSync Events $1.00 per million Event API operations: confirmed for eu-west-1 by the AWS price list (via a public dataset); $0.08 per million connection minutes not verified.',
    'Free tiers, data transfer, CloudWatch Logs and tiered discounts above the first tier are left out.',
  ],
  regions: {
    'us-east-1': {
      apiGateway: { messagesPerMillion: 1.0, connectionMinutesPerMillion: 0.25 },
      lambda: { requestsPerMillion: 0.2, gbSecondArm64: 0.0000133334 },
      dynamodb: { writeRequestUnitsPerMillion: 0.625, readRequestUnitsPerMillion: 0.125 },
      stepFunctions: {
        standardTransitionsPerThousand: 0.025,
        expressRequestsPerMillion: 1.0,
        expressGbSecond: 0.00001667,
      },
      appSyncEvents: { operationsPerMillion: 1.0, connectionMinutesPerMillion: 0.08 },
    },
    'eu-west-1': {
      apiGateway: { messagesPerMillion: 1.14, connectionMinutesPerMillion: 0.285 },
      lambda: { requestsPerMillion: 0.2, gbSecondArm64: 0.0000133334 },
      dynamodb: { writeRequestUnitsPerMillion: 0.7063, readRequestUnitsPerMillion: 0.1413 },
      stepFunctions: {
        standardTransitionsPerThousand: 0.025,
        expressRequestsPerMillion: 1.0,
        expressGbSecond: 0.00001667,
      },
      appSyncEvents: { operationsPerMillion: 1.0, connectionMinutesPerMillion: 0.08 },
    },
  } satisfies Record<string, RegionPrices>,
} as const;

export type PricedRegion = keyof typeof priceTable.regions;

export function isPricedRegion(region: string): region is PricedRegion {
  return Object.hasOwn(priceTable.regions, region);
}
