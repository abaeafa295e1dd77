import type { GatewayAddress } from '../../src/index.js';

/** The inspector's endpoints of a test gateway, over plain fetch. */
export function inspectorApi(address: GatewayAddress) {
  const base = `http://${address.host}:${address.port}/@inspector/api/`;
  return {
    get: async <T>(path: string): Promise<T> => {
      const response = await fetch(base + path);
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    /** An action, with the header the inspector's page sends. */
    act: (method: 'POST' | 'DELETE', path: string, body?: string, header = true) =>
      fetch(base + path, { method, body, headers: header ? { 'x-switchboard-inspector': '1' } : {} }),
  };
}

export interface MetricJson {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  sum: number;
  sampleCount: number;
  values: number[];
}

/** Polls until `check` passes (the recorder sees a close or a `$disconnect` a moment later). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
