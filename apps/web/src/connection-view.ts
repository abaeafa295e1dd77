// The connection indicator: one status line per client state, with a countdown to the next retry.
import type { ConnectionState, SwitchboardClient } from '@switchboard/client';

/** What the indicator shows for a state. */
export interface StateDescription {
  status: ConnectionState['status'];
  /** Read by screen readers; stable while a state lasts. */
  text: string;
  /** Seconds until the next retry, for the visible countdown only. */
  countdown?: string;
}

/** Hours, minutes and seconds of an epoch time, in the page's locale. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/**
 * Describes a connection state for people.
 * @example describeState({ status: 'open' }, Date.now()).text // 'Connected'
 */
export function describeState(state: ConnectionState, nowMs: number): StateDescription {
  switch (state.status) {
    case 'connecting':
      return {
        status: state.status,
        text: state.attempt === 0 ? 'Connecting…' : `Connecting (retry ${state.attempt})…`,
      };
    case 'open':
      return { status: state.status, text: 'Connected' };
    case 'reconnecting': {
      // The first retry follows the drop of an open connection; later ones follow failed attempts.
      const cause =
        state.attempt > 1
          ? 'Server unreachable'
          : state.closeCode === undefined
            ? 'Connection failed'
            : `Connection lost (${state.closeCode})`;
      const seconds = Math.max(0, Math.ceil((state.nextRetryAt - nowMs) / 1000));
      return {
        status: state.status,
        text: `${cause}. Reconnecting: retry ${state.attempt} at ${clockTime(state.nextRetryAt)}`,
        countdown: `in ${seconds} s`,
      };
    }
    case 'closed':
      return {
        status: state.status,
        text: state.reason === 'gave-up' ? 'Closed: gave up reconnecting' : 'Closed',
      };
  }
}

/** Keeps the indicator in step with the client; the countdown ticks while reconnecting. */
export function mountConnectionView(
  client: SwitchboardClient,
  parts: { root: HTMLElement; text: HTMLElement; countdown: HTMLElement },
): void {
  let ticker: ReturnType<typeof setInterval> | undefined;
  const render = (state: ConnectionState) => {
    const description = describeState(state, Date.now());
    parts.root.dataset.status = description.status;
    if (parts.text.textContent !== description.text) parts.text.textContent = description.text;
    parts.countdown.textContent = description.countdown ?? '';
  };
  client.on('state', (state) => {
    clearInterval(ticker);
    render(state);
    if (state.status === 'reconnecting') ticker = setInterval(() => render(client.state), 250);
  });
  render(client.state);
}
