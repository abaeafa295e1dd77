import { randomUUID } from 'node:crypto';

/** Builds on first call, then returns the same value (a client per cold start, not per import). */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

export const newId = (): string => randomUUID();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
