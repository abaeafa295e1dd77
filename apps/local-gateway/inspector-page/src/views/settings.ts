import { h, json } from '../dom.js';
import type { View } from '../types.js';

/** `#/settings`: what the gateway runs with (stage, limits, chaos, runtime). */
export function settingsView(): View {
  const pre = h('pre', { id: 'settings' });
  return {
    root: h('section', {}, h('h2', {}, 'Settings'), pre),
    update(snapshot) {
      pre.textContent = json(snapshot.settings);
    },
  };
}
