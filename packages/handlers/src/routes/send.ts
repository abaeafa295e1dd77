/**
 * `send` fans a `message` out to every other member of the room; the sender's own copy is the
 * reply and carries its `requestId`. A sender outside the room gets `not_in_room`. A room of at
 * least `fanOut.threshold` members is handed to the fan-out workflow (one task per shard); a
 * smaller one is posted from here. Both paths post the same bytes, with the same `id`.
 */
import type { ConnectionStore } from '@switchboard/connection-store';
import {
  type ClientMessageOf,
  createErrorMessage,
  encodeServerMessage,
  type ServerMessageOf,
} from '@switchboard/protocol';
import { type BroadcastPlan, planBroadcast } from '../core/broadcast-plan.js';
import type { FanOutExecutionInput } from '../workflow/fan-out-workflow.js';
import type { MessageRoute } from './types.js';
import { withRequestId } from './with-request-id.js';

/** The fan-out workflow as `send` sees it. */
export interface SendFanOut {
  /** Members from which a room goes through the workflow; 0: never. */
  threshold: number;
  /** Posts per second one broadcast may make, over all its slices. */
  ratePerSecond: number;
  /** Starts one execution; resolves with its ARN. */
  start: (input: FanOutExecutionInput, executionName: string) => Promise<string>;
}

export interface SendDeps {
  store: Pick<ConnectionStore, 'roomsOf' | 'roomMembers' | 'roomMemberCount' | 'roomShardCount'>;
  /** A fresh message id. */
  newId: () => string;
  /** The fan-out workflow; without it every room is posted directly. */
  fanOut?: SendFanOut;
}

export const send =
  (deps: SendDeps): MessageRoute<ClientMessageOf<'send'>> =>
  async ({ connectionId, userId, message, nowMs, notifier }) => {
    const rooms = await deps.store.roomsOf(connectionId);
    if (!rooms.includes(message.room)) {
      return {
        outcome: 'rejected',
        reply: createErrorMessage(
          'not_in_room',
          `Join "${message.room}" before sending to it`,
          message.requestId,
        ),
      };
    }
    const chat: ServerMessageOf<'message'> = {
      type: 'message',
      room: message.room,
      from: userId,
      text: message.text,
      id: deps.newId(),
      sentAt: nowMs,
    };
    const data = encodeServerMessage(chat);
    const reply = withRequestId(chat, message.requestId);
    const plan = await planFor(deps, message.room);
    let cause: unknown;
    if (plan.path === 'fanOut' && deps.fanOut) {
      const input: FanOutExecutionInput = {
        room: message.room,
        data,
        messageId: chat.id,
        exclude: connectionId,
        shards: plan.shards,
        ratePerSecond: plan.ratePerSlice,
      };
      try {
        const executionArn = await deps.fanOut.start(input, chat.id);
        return { reply, fanOut: { executionArn, members: plan.members, slices: plan.shards.length } };
      } catch (error) {
        // The workflow could not start: post from here rather than lose the message.
        cause = error;
      }
    }
    const delivery = await notifier().postToMany(
      othersIn(deps.store.roomMembers(message.room), connectionId),
      data,
    );
    return cause === undefined ? { reply, delivery } : { reply, delivery, cause };
  };

async function planFor(deps: SendDeps, room: string): Promise<BroadcastPlan> {
  // No workflow or threshold 0: skip the count's reads altogether.
  if (!deps.fanOut || deps.fanOut.threshold === 0) return { path: 'direct' };
  return planBroadcast({
    members: await deps.store.roomMemberCount(room),
    threshold: deps.fanOut.threshold,
    shardCount: deps.store.roomShardCount,
    ratePerSecond: deps.fanOut.ratePerSecond,
  });
}

async function* othersIn(
  members: AsyncIterable<{ connectionId: string }>,
  sender: string,
): AsyncGenerator<string> {
  for await (const member of members) if (member.connectionId !== sender) yield member.connectionId;
}
