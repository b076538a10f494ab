// The review queue table: open flags by priority, time in queue coloured against the SLA, who holds each.
import { $, duration, h, percent, replace } from './dom.js';

// Time in queue against the review SLA: on time, due soon, overdue (colour and words, not colour alone).
export const SLA = { dueSeconds: 15 * 60, lateSeconds: 60 * 60 };

export function slaBadge(waitingSeconds) {
  const [kind, words] =
    waitingSeconds >= SLA.lateSeconds
      ? ['late', 'overdue']
      : waitingSeconds >= SLA.dueSeconds
        ? ['due', 'due soon']
        : ['ok', 'on time'];
  return h(
    'span',
    { class: `sla sla-${kind}`, title: `${words} (SLA: ${SLA.lateSeconds / 60} min)` },
    duration(waitingSeconds),
    h('span', { class: 'visually-hidden' }, `, ${words}`),
  );
}

/** Renders the rows; `onOpen(flag)` is called when a row's action is used. */
export function renderQueue(flags, { currentId, me, onOpen }) {
  const body = $('#queue-table tbody');
  $('#queue-count').textContent = `(${flags.length})`;
  $('#queue-empty').hidden = flags.length > 0;
  replace(
    body,
    flags.map((flag) => {
      const mine = flag.claim && flag.claim.by === me.name;
      const action =
        !flag.claim || mine
          ? h('button', { type: 'button', class: 'link', onclick: () => onOpen(flag) }, mine ? 'open' : 'claim')
          : null;
      return h(
        'tr',
        { class: flag.id === currentId ? 'current' : '', dataset: { flagId: flag.id } },
        h('td', {}, flag.priority.toFixed(1)),
        h(
          'td',
          {},
          flag.category,
          flag.reviewState && flag.reviewState !== 'pending'
            ? h('div', { class: 'badge warn' }, flag.reviewState.replace('_', ' '))
            : null,
        ),
        h('td', {}, percent(flag.confidence)),
        h('td', {}, flag.audience ?? '—'),
        h('td', {}, slaBadge(flag.waitingSeconds)),
        h(
          'td',
          {},
          flag.claim
            ? h('span', { title: `until ${flag.claim.expiresAt}` }, mine ? 'you' : flag.claim.by)
            : h('span', { class: 'muted' }, 'free'),
          ' ',
          action,
        ),
      );
    }),
  );
}
