import { act } from '../api.js';
import { h, table, time } from '../dom.js';
import type { Snapshot, View } from '../types.js';

/** `#/connections`: who is connected, frames in and out. */
export function connectionsView(): View {
  const { element, body } = table('connections', [
    'connection',
    'user',
    'connected',
    'last active',
    'in',
    'out',
  ]);
  const root = h('section', {}, h('h2', {}, 'Connections'), element);
  return {
    root,
    update(snapshot: Snapshot) {
      body.replaceChildren(
        ...snapshot.connections.map((c) =>
          h(
            'tr',
            { 'data-connection-id': c.connectionId },
            h(
              'td',
              {},
              h('a', { href: `#/connections/${encodeURIComponent(c.connectionId)}` }, c.connectionId),
            ),
            h('td', {}, c.user ?? '-'),
            h('td', {}, time(c.connectedAt)),
            h('td', {}, time(c.lastActiveAt)),
            h('td', { class: 'num' }, c.framesIn),
            h('td', { class: 'num' }, c.framesOut),
          ),
        ),
      );
      if (snapshot.connections.length === 0)
        body.append(h('tr', {}, h('td', { colspan: '6' }, 'No connections')));
    },
  };
}

/** `#/connections/<id>`: one connection's frames, posting to it, closing it. */
export function connectionView(connectionId: string): View {
  const frames = h('ol', { id: 'frames', class: 'frames' });
  const status = h('p', { class: 'status', role: 'status' });
  const input = h('input', { id: 'post-text', 'aria-label': 'Text to post', placeholder: 'Text to post' });
  const form = h('form', { class: 'row' }, input, h('button', { type: 'submit' }, 'Post'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await act(
      'POST',
      `connections/${encodeURIComponent(connectionId)}/messages`,
      input.value,
    );
    status.textContent = response.ok ? 'Posted' : `Post failed: ${response.status}`;
    if (response.ok) input.value = '';
  });
  const disconnect = h('button', { id: 'disconnect', class: 'danger' }, 'Disconnect');
  disconnect.addEventListener('click', async () => {
    const response = await act('DELETE', `connections/${encodeURIComponent(connectionId)}`);
    status.textContent = response.ok
      ? 'Disconnected ($disconnect runs)'
      : `Disconnect failed: ${response.status}`;
  });
  const summary = h('p', { class: 'summary' });
  const root = h(
    'section',
    {},
    h('h2', {}, 'Connection ', h('code', {}, connectionId)),
    summary,
    h('div', { class: 'row' }, form, disconnect),
    status,
    h('h3', {}, 'Frames'),
    frames,
  );
  return {
    root,
    update(snapshot) {
      const c = snapshot.connections.find((x) => x.connectionId === connectionId);
      summary.textContent = c
        ? `user ${c.user ?? '-'} · from ${c.sourceIp} · connected ${time(c.connectedAt)} · ${c.framesIn} in, ${c.framesOut} out`
        : 'Closed';
      const mine = snapshot.frames.filter((f) => f.connectionId === connectionId).reverse();
      frames.replaceChildren(
        ...mine.map((f) =>
          h(
            'li',
            { 'data-seq': String(f.seq), 'data-direction': f.direction },
            h('span', { class: 'dir' }, f.direction === 'in' ? '→ in' : '← out'),
            h('span', { class: 'when' }, `${time(f.at)} · ${f.bytes} B`),
            h('code', {}, f.text),
          ),
        ),
      );
    },
  };
}
