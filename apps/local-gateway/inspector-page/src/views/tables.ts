import { getJson } from '../api.js';
import { h, json } from '../dom.js';
import type { View } from '../types.js';
import { pollWhileOpen } from './polled.js';

interface TableView {
  tableName: string;
  keyNames: string[];
  items: Array<Record<string, unknown>>;
  truncated: boolean;
}

/** `#/tables`: each DynamoDB table's items, filtered by key. */
export function tablesView(): View {
  const filter = h('input', { id: 'key-filter', 'aria-label': 'Key contains', placeholder: 'Key contains…' });
  const list = h('div', { id: 'tables' });
  const poll = pollWhileOpen(async () => {
    const tables = await getJson<TableView[]>(`tables?key=${encodeURIComponent(filter.value)}`);
    list.replaceChildren(
      ...tables.map((t) =>
        h(
          'div',
          { class: 'table-block' },
          h('h3', {}, `${t.tableName} (${t.items.length}${t.truncated ? '+' : ''} items)`),
          h(
            'ul',
            { class: 'items' },
            ...t.items.map((item) =>
              h(
                'li',
                { 'data-table': t.tableName, 'data-key': t.keyNames.map((k) => String(item[k])).join(' ') },
                h('code', {}, t.keyNames.map((k) => `${k}=${String(item[k])}`).join(' ')),
                h('pre', {}, json(item)),
              ),
            ),
          ),
        ),
      ),
    );
  });
  filter.addEventListener('input', () => poll.update());
  return {
    root: h('section', {}, h('h2', {}, 'DynamoDB'), filter, list),
    update: () => poll.update(),
    dispose: () => poll.dispose(),
  };
}
