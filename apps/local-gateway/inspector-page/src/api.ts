/** The inspector's endpoints, relative to the page (`/@inspector/`). */
const base = new URL('api/', location.href);

/** Actions carry this header; a page of another origin cannot send it. */
const actionHeaders = { 'x-switchboard-inspector': '1' };

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function act(method: 'POST' | 'DELETE', path: string, body?: string): Promise<Response> {
  return fetch(new URL(path, base), { method, headers: actionHeaders, body });
}

export function openStream(onSnapshot: (data: string) => void): EventSource {
  const source = new EventSource(new URL('events', base));
  source.addEventListener('snapshot', (event) => onSnapshot((event as MessageEvent<string>).data));
  return source;
}
