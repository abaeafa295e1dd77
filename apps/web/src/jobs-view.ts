// Jobs: the submit form and one card per job, fed by jobAccepted, jobProgress and the outcome.
import type { SwitchboardClient } from '@switchboard/client';
import { type JobInput, MAX_JOB_DURATION_MS, MAX_JOB_INPUT_TEXT_LENGTH } from '@switchboard/protocol';
import { byId, element, showError } from './dom.js';
import { describeError } from './error-text.js';

interface JobCard {
  root: HTMLLIElement;
  status: HTMLElement;
  progress: HTMLProgressElement;
  outcome: HTMLElement;
}

/** Wires the jobs section of index.html to the client. */
export function mountJobsView(client: SwitchboardClient): void {
  const form = byId('job-form', HTMLFormElement);
  const text = byId('job-text', HTMLTextAreaElement);
  const duration = byId('job-duration', HTMLInputElement);
  const formError = byId('job-error', HTMLElement);
  const list = byId('jobs', HTMLOListElement);

  text.maxLength = MAX_JOB_INPUT_TEXT_LENGTH;
  duration.min = '0';
  duration.max = String(MAX_JOB_DURATION_MS);
  duration.step = '1';
  byId('job-duration-hint', HTMLElement).textContent =
    `How long the job works, 0 to ${MAX_JOB_DURATION_MS} ms; empty for the server's default.`;

  const cards = new Map<string, JobCard>();
  // Progress can in principle overtake the accepted reply: whichever comes first makes the card.
  const cardOf = (jobId: string): JobCard => {
    let card = cards.get(jobId);
    if (!card) {
      card = createCard(jobId);
      cards.set(jobId, card);
      list.prepend(card.root);
    }
    return card;
  };

  client.on('jobAccepted', (m) => {
    const card = cardOf(m.jobId);
    if (card.root.dataset.state === 'new') setState(card, 'accepted', 'Accepted, waiting for progress…');
  });
  client.on('jobProgress', (m) => {
    const card = cardOf(m.jobId);
    if (card.root.dataset.state === 'completed' || card.root.dataset.state === 'failed') return;
    card.progress.value = m.percent;
    setState(card, 'working', `Working: ${Math.round(m.percent)}%`);
  });
  client.on('jobCompleted', (m) => {
    const card = cardOf(m.jobId);
    card.progress.value = 100;
    setState(card, 'completed', 'Completed');
    card.outcome.textContent = m.result.text;
    card.outcome.hidden = false;
  });
  client.on('jobFailed', (m) => {
    const card = cardOf(m.jobId);
    setState(card, 'failed', 'Failed');
    card.outcome.textContent = `${m.error.message} (${m.error.code})`;
    card.outcome.hidden = false;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showError(formError, undefined);
    const input: JobInput = { text: text.value };
    if (duration.value !== '') input.durationMs = duration.valueAsNumber;
    client
      .request('submitJob', { input })
      .catch((error: unknown) => showError(formError, describeError(error)));
  });
}

function createCard(jobId: string): JobCard {
  const root = element('li', 'job');
  root.dataset.jobId = jobId;
  root.dataset.state = 'new';
  const headingId = `job-${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const heading = element('h3', 'job-title', `Job ${jobId.slice(0, 8)}`);
  heading.id = headingId;
  heading.title = jobId;
  const status = element('p', 'job-status', 'Submitted');
  status.setAttribute('role', 'status');
  const progress = element('progress', 'job-progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-labelledby', headingId);
  const outcome = element('p', 'job-outcome');
  outcome.hidden = true;
  root.append(heading, status, progress, outcome);
  return { root, status, progress, outcome };
}

function setState(card: JobCard, state: string, text: string): void {
  card.root.dataset.state = state;
  card.status.textContent = text;
}
