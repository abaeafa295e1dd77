// Rooms: join and leave, the live message list, and the send form.
import type { SwitchboardClient } from '@switchboard/client';
import {
  MAX_ROOM_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  ROOM_NAME_PATTERN,
  type ServerMessageOf,
} from '@switchboard/protocol';
import { clockTime } from './connection-view.js';
import { byId, element, patternAttribute, showError, submitOnEnter } from './dom.js';
import { describeError } from './error-text.js';

// Older messages are dropped from the page so a long session does not grow without bound.
const MAX_MESSAGES_SHOWN = 200;

/** A short name for a sender: guests are `guest-<uuid>`, shown as `guest 1a2b3c`. */
export function displayName(from: string): string {
  const guest = /^guest-([0-9a-f]{6})/i.exec(from);
  return guest ? `guest ${guest[1]}` : from;
}

/** Wires the rooms section of index.html to the client. */
export function mountRoomsView(client: SwitchboardClient): void {
  const joinForm = byId('join-form', HTMLFormElement);
  const joinRoom = byId('join-room', HTMLInputElement);
  const joinError = byId('join-error', HTMLElement);
  const joinedList = byId('joined-rooms', HTMLUListElement);
  const joinedNames = byId('joined-room-names', HTMLDataListElement);
  const noRooms = byId('no-rooms', HTMLElement);
  const messages = byId('messages', HTMLOListElement);
  const sendForm = byId('send-form', HTMLFormElement);
  const sendRoom = byId('send-room', HTMLInputElement);
  const sendText = byId('send-text', HTMLTextAreaElement);
  const sendError = byId('send-error', HTMLElement);

  // The form enforces the protocol's limits before anything is sent.
  for (const input of [joinRoom, sendRoom]) {
    input.maxLength = MAX_ROOM_NAME_LENGTH;
    input.pattern = patternAttribute(ROOM_NAME_PATTERN);
  }
  sendText.maxLength = MAX_TEXT_LENGTH;
  byId('join-room-hint', HTMLElement).textContent =
    `Letters, digits, "_" and "-", up to ${MAX_ROOM_NAME_LENGTH} characters.`;
  byId('send-text-hint', HTMLElement).textContent =
    `Up to ${MAX_TEXT_LENGTH} characters. Enter sends, Shift+Enter starts a new line.`;
  submitOnEnter(sendText);

  // Rooms the server has confirmed on the current connection; the rest are being re-joined.
  const confirmed = new Set<string>();
  const renderRooms = () => {
    joinedList.replaceChildren();
    joinedNames.replaceChildren();
    for (const room of client.rooms) {
      const item = element('li', 'room');
      item.dataset.room = room;
      item.dataset.joined = String(confirmed.has(room));
      item.append(element('span', 'room-name', room));
      if (!confirmed.has(room)) item.append(element('span', 'room-state', 're-joining…'));
      const leave = element('button', 'secondary', 'Leave');
      leave.type = 'button';
      leave.setAttribute('aria-label', `Leave ${room}`);
      leave.addEventListener('click', () => {
        client
          .request('leave', { room })
          .catch((error: unknown) => showError(joinError, describeError(error)));
      });
      item.append(leave);
      joinedList.append(item);
      const option = element('option');
      option.value = room;
      joinedNames.append(option);
    }
    noRooms.hidden = client.rooms.size > 0;
  };
  client.on('joined', (m) => {
    confirmed.add(m.room);
    renderRooms();
  });
  client.on('left', (m) => {
    confirmed.delete(m.room);
    renderRooms();
  });
  client.on('state', (state) => {
    if (state.status === 'open' || confirmed.size === 0) return;
    confirmed.clear();
    renderRooms();
  });

  joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const room = joinRoom.value;
    showError(joinError, undefined);
    client.request('join', { room }).then(
      () => {
        if (!sendRoom.value || !client.rooms.has(sendRoom.value)) sendRoom.value = room;
      },
      (error: unknown) => showError(joinError, describeError(error)),
    );
  });

  sendForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = sendText.value;
    showError(sendError, undefined);
    client.request('send', { room: sendRoom.value, text }).then(
      () => {
        // Keep what the user typed since, if anything.
        if (sendText.value === text) sendText.value = '';
      },
      (error: unknown) => showError(sendError, describeError(error)),
    );
  });

  client.on('message', (message) => {
    messages.append(renderMessage(message));
    while (messages.children.length > MAX_MESSAGES_SHOWN) messages.firstElementChild?.remove();
    messages.lastElementChild?.scrollIntoView({ block: 'nearest' });
  });
  renderRooms();
}

function renderMessage(message: ServerMessageOf<'message'>): HTMLLIElement {
  // Only the sender's own copy carries the requestId of its `send`.
  const own = message.requestId !== undefined;
  const item = element('li', own ? 'message own' : 'message');
  item.dataset.room = message.room;
  const meta = element('p', 'meta');
  meta.append(
    element('span', 'message-room', `#${message.room}`),
    ' ',
    element('span', 'message-from', own ? 'You' : displayName(message.from)),
    ' ',
    element('time', 'message-time', clockTime(message.sentAt)),
  );
  item.append(meta, element('p', 'message-text', message.text));
  return item;
}
