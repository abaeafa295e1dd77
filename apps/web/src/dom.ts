// Small DOM helpers: typed look-ups that fail loudly when index.html and the code disagree.

/** The element with this id, checked to be of the given class. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`index.html has no <${type.name}> with id "${id}"`);
  }
  return element;
}

/** Creates an element with a class and text; text goes through textContent, never as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Shows `text` in an error slot next to the control that caused it; `undefined` hides it. */
export function showError(slot: HTMLElement, text: string | undefined): void {
  slot.textContent = text ?? '';
  slot.hidden = text === undefined;
}

/**
 * An HTML `pattern` attribute for a protocol regex. Browsers compile `pattern` with the `v` flag
 * and anchor it themselves, so the anchors go and a `-` at the end of a class is escaped (a bare
 * one is a syntax error under `v`, which would silently disable the check).
 */
export function patternAttribute(regex: RegExp): string {
  return regex.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/(?<!\\)-\]/g, '\\-]');
}

/** Enter submits the textarea's form; Shift+Enter inserts a new line. */
export function submitOnEnter(textarea: HTMLTextAreaElement): void {
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    textarea.form?.requestSubmit();
  });
}
