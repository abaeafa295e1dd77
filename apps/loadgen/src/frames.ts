/** What the load generator needs to know about one incoming text frame. */
export interface FrameInfo {
  /** The `requestId` the frame answers, when it carries one (top level or one object down). */
  requestId: string | undefined;
  /**
   * An API Gateway error frame, e.g. `{"message": "Forbidden", "connectionId":"…", "requestId":"…"}`
   * (its `requestId` is the gateway's, never ours), or a protocol `error` event.
   */
  isError: boolean;
}

/** Reads the `requestId` and error shape of a frame; non-JSON frames carry neither. */
export function inspectFrame(text: string): FrameInfo {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { requestId: undefined, isError: false };
  }
  if (!isRecord(value)) return { requestId: undefined, isError: false };
  const isError =
    value.type === 'error' || (typeof value.message === 'string' && typeof value.connectionId === 'string');
  return { requestId: findRequestId(value), isError };
}

function findRequestId(value: Record<string, unknown>): string | undefined {
  if (typeof value.requestId === 'string') return value.requestId;
  for (const nested of Object.values(value)) {
    if (isRecord(nested) && typeof nested.requestId === 'string') return nested.requestId;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
