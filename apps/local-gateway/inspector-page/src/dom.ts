type Child = Node | string | number | null | undefined | false;

/**
 * Builds an element: `h('td', { class: 'id' }, text)`. Text goes in as text nodes, never as
 * HTML, so frames and items cannot inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

export function time(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour12: false });
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

/** A table with a header row; `rows` replaces the body on each update. */
export function table(
  id: string,
  headings: string[],
): { element: HTMLElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const element = h(
    'div',
    { class: 'scroll' },
    h('table', { id }, h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', {}, text)))), body),
  );
  return { element, body };
}
