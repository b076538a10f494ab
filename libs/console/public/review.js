// The reviewer's view: queue, claim next, the claimed flag's evidence and the decision form, with shortcuts.
import { api } from './api.js';
import { $, duration, h, replace, toast } from './dom.js';
import { renderQueue } from './queue.js';
import { clearFlag, renderFlag, toggleFrames } from './evidence.js';
import { renderShortcuts, shortcut } from './shortcuts.js';

const QUEUE_REFRESH_MS = 15_000;

let me = null;
let reasons = null;
let flag = null;
let shownAt = 0;
let timers = [];
let busy = false;

const form = () => $('#decision-form');
const elements = () => ({
  evidence: $('#evidence'),
  tips: $('#tips'),
  history: $('#history'),
  decisions: $('#decisions'),
  facts: $('#flag-facts'),
});

async function loadReasons() {
  reasons ??= await api('/v1/review/reasons');
  return reasons;
}

async function refreshQueue() {
  try {
    const { flags } = await api('/v1/review/queue');
    renderQueue(flags, { currentId: flag?.id, me, onOpen: (row) => claim(row.id) });
  } catch (error) {
    toast(`Queue: ${error.message}`, 'error');
  }
}

function verdict() {
  return form().querySelector('input[name="verdict"]:checked')?.value ?? null;
}

/** Reason options follow the verdict (and, for confirm, the category). */
function fillReasons() {
  const select = $('#decision-reason');
  const chosen = verdict();
  const category = $('#decision-category').value;
  let options = [];
  if (chosen === 'confirm')
    options = Object.entries(reasons.confirm[category] ?? {}).map(([code, r]) => [code, `${code}: ${r.label}`]);
  if (chosen === 'reject') options = reasons.reject.map((code) => [code, code.replaceAll('_', ' ')]);
  // Escalation codes come from the policy too (review.escalate_reasons): the API refuses any other.
  if (chosen === 'escalate') options = (reasons.escalate ?? []).map((code) => [code, code.replaceAll('_', ' ')]);
  replace(
    select,
    options.map(([value, label], i) => h('option', { value }, `${i + 1}. ${label}`)),
  );
  $('#category-row').hidden = chosen !== 'confirm';
  $('#reason-row').hidden = !chosen;
  select.disabled = !chosen;
  showConsequence();
}

// What the server said a refused confirmation would issue (a category the preview did not cover, or a changed
// record): the reviewer may tick that instead.
let refused = null;

/** The sanction the chosen reason would issue now, from the flag's consequence preview. */
function currentConsequence() {
  if (!flag || verdict() !== 'confirm') return null;
  const key = `${$('#decision-category').value}:${$('#decision-reason').value}`;
  if (refused?.key === key) return refused.consequence;
  if ($('#decision-category').value !== flag.category) return null;
  return flag.consequences?.[$('#decision-reason').value] ?? null;
}

function describe(c) {
  if (!c.action) return 'Confirming issues no sanction: this conduct was already sanctioned under a linked flag.';
  const what = `${c.action.replaceAll('_', ' ')}${c.durationDays ? ` for ${c.durationDays} days` : ''}`;
  const who = c.accounts > 1 ? ` to each of ${c.accounts} accounts` : '';
  const strike = c.accounts > 1 ? '' : ` (strike ${c.strikeNumber}${c.windowDays ? ` in ${c.windowDays} days` : ''})`;
  const content = c.contentAction ? `; the platform will ${c.contentAction.replaceAll('_', ' ')}` : '';
  const second = c.secondReviewer ? '; a second reviewer must confirm it' : '';
  return `Confirming issues ${what}${who}${strike}${content}${second}.`;
}

/** Shows what confirming would do; a severe sanction needs the reviewer to tick that they mean it. */
function showConsequence() {
  const c = currentConsequence();
  $('#consequence').hidden = !c;
  $('#consequence-confirm').checked = false;
  $('#consequence-confirm-row').hidden = !c?.expect;
  if (!c) return;
  $('#consequence-text').textContent = describe(c);
  $('#consequence-confirm-text').textContent = c.expect ? `I mean it: ${c.expect}` : '';
  $('#consequence').classList.toggle('severe', !!c.expect);
}

function chooseVerdict(value) {
  if (!flag) return;
  const radio = form().querySelector(`input[name="verdict"][value="${value}"]`);
  radio.checked = true;
  fillReasons();
  $('#decision-submit').focus();
}

function chooseReason(index) {
  const select = $('#decision-reason');
  if (!flag || select.disabled || index >= select.options.length) return;
  select.selectedIndex = index;
  showConsequence();
  $('#decision-submit').focus();
}

function tick() {
  if (!flag) return;
  const elapsed = (Date.now() - shownAt) / 1000;
  const lease = $('#lease');
  const left = flag.claim ? (Date.parse(flag.claim.expiresAt) - Date.now()) / 1000 : 0;
  const waited = `In queue ${duration(flag.waitingSeconds + elapsed)}`;
  if (left > 0) {
    lease.textContent = `${waited} · your claim lease: ${duration(left)} left`;
    lease.classList.toggle('low', left < 60);
  } else {
    lease.textContent = `${waited} · your claim has lapsed: claim the flag again before deciding`;
    lease.classList.add('low');
  }
}

function show(detail) {
  flag = detail;
  refused = null;
  shownAt = Date.now();
  $('#flag-none').hidden = true;
  $('#flag-body').hidden = false;
  $('#flag-title').textContent = `Flag: ${detail.category}`;
  renderFlag(detail, elements());
  $('#reveal').setAttribute('aria-pressed', 'false');
  $('#reveal').firstChild.textContent = 'Reveal frames ';
  form().reset();
  form().hidden = false;
  replace(
    $('#decision-category'),
    Object.keys(reasons.confirm).map((c) => h('option', { value: c, selected: c === detail.category }, c)),
  );
  $('#decision-category').value = detail.category;
  fillReasons();
  $('#decision-error').textContent = '';
  replace($('#decision-result'));
  tick();
  for (const row of document.querySelectorAll('#queue-table tbody tr'))
    row.classList.toggle('current', row.dataset.flagId === detail.id);
}

function moveOn() {
  flag = null;
  clearFlag(elements());
  $('#flag-title').textContent = 'Flag';
  $('#flag-none').hidden = false;
  $('#flag-body').hidden = true;
  form().hidden = true;
  $('#lease').textContent = '';
}

async function claimNext() {
  if (busy) return;
  if (flag) {
    toast('Decide or release the flag you hold first.');
    return;
  }
  busy = true;
  try {
    await loadReasons();
    const { flag: next } = await api('/v1/review/claims', { method: 'POST' });
    if (next) {
      show(next);
      $('#flag-title').focus();
    } else toast('The queue is empty.');
    await refreshQueue();
  } catch (error) {
    toast(`Claim: ${error.message}`, 'error');
  } finally {
    busy = false;
  }
}

async function claim(id) {
  if (flag && flag.id !== id) {
    toast('Decide or release the flag you hold first.');
    return;
  }
  try {
    await loadReasons();
    const { flag: claimed } = await api(`/v1/review/flags/${encodeURIComponent(id)}/claim`, { method: 'POST' });
    show(claimed);
    $('#flag-title').focus();
    await refreshQueue();
  } catch (error) {
    toast(`Claim: ${error.message}`, 'error');
  }
}

async function release() {
  if (!flag) return;
  try {
    await api(`/v1/review/flags/${encodeURIComponent(flag.id)}/claim`, { method: 'DELETE' });
    toast('Claim released; the flag is back in the queue.');
    moveOn();
    await refreshQueue();
  } catch (error) {
    toast(`Release: ${error.message}`, 'error');
  }
}

function outcomeText(chosen, result) {
  if ((result.sanctions?.length ?? 0) > 1)
    return `Confirmed: ${result.sanctions.length} accounts sanctioned, each on their own ladder.`;
  const s = result.sanction;
  if (s)
    return `Confirmed: ${s.action}${s.durationDays ? ` for ${s.durationDays} days` : ''} (strike ${s.strikeNumber ?? '—'}), sanction ${s.id}.`;
  if (result.flag.reviewState === 'awaiting_second')
    return 'Confirmed: the sanction needs a second reviewer, so the flag waits for one.';
  if (result.flag.reviewState === 'escalated') return 'Escalated to a senior reviewer.';
  return chosen === 'reject' ? 'Rejected: no sanction.' : `Decided: ${result.flag.reviewState}.`;
}

async function submit(event) {
  event.preventDefault();
  if (!flag || busy) return;
  const chosen = verdict();
  const reasonCode = $('#decision-reason').value;
  if (!chosen || !reasonCode) {
    $('#decision-error').textContent = 'Choose a verdict (c, r or e) and a reason.';
    return;
  }
  const note = $('#decision-note').value.trim();
  const consequence = currentConsequence();
  if (chosen === 'confirm' && consequence?.expect && !$('#consequence-confirm').checked) {
    $('#decision-error').textContent = `This confirmation issues ${consequence.expect}: tick “I mean it” first.`;
    $('#consequence-confirm').focus();
    return;
  }
  const body = {
    verdict: chosen,
    reasonCode,
    ...(note ? { note } : {}),
    ...(chosen === 'confirm' ? { category: $('#decision-category').value } : {}),
    ...(chosen === 'confirm' && consequence?.expect ? { expect: consequence.expect } : {}),
  };
  busy = true;
  $('#decision-submit').disabled = true;
  try {
    const result = await api(`/v1/review/flags/${encodeURIComponent(flag.id)}/decision`, { method: 'POST', body });
    const text = outcomeText(chosen, result);
    moveOn();
    replace(
      $('#decision-result'),
      h(
        'div',
        { class: 'result', dataset: { sanctionId: result.sanction?.id ?? '' } },
        text,
        h('div', { class: 'muted' }, 'Press n for the next flag.'),
      ),
    );
    toast(text);
    await refreshQueue();
  } catch (error) {
    $('#decision-error').textContent = `${error.code}: ${error.message}`;
    // The account's record changed since the flag was shown, or the category has no preview: show what the
    // server says it would issue, and let the reviewer tick that.
    if (error.code === 'consequence_not_expected') {
      await reload();
      const s = error.details?.sanction;
      if (s)
        refused = {
          key: `${$('#decision-category').value}:${$('#decision-reason').value}`,
          consequence: { ...s, accounts: error.details.accounts ?? 1, windowDays: null, contentAction: null },
        };
      showConsequence();
    }
  } finally {
    busy = false;
    $('#decision-submit').disabled = false;
  }
}

async function reload() {
  if (!flag) return;
  try {
    const fresh = await api(`/v1/review/flags/${encodeURIComponent(flag.id)}`);
    flag = { ...flag, consequences: fresh.consequences, accountHistory: fresh.accountHistory };
    showConsequence();
  } catch (error) {
    toast(`Flag: ${error.message}`, 'error');
  }
}

function toggleReveal() {
  if (!flag) return;
  const revealed = toggleFrames($('#evidence'));
  $('#reveal').setAttribute('aria-pressed', String(revealed));
  $('#reveal').firstChild.textContent = revealed ? 'Blur frames ' : 'Reveal frames ';
}

form().addEventListener('submit', submit);
form().addEventListener('change', (event) => {
  if (event.target.name === 'verdict' || event.target.id === 'decision-category') fillReasons();
  if (event.target.id === 'decision-reason') showConsequence();
});
$('#claim-next').addEventListener('click', claimNext);
$('#release').addEventListener('click', release);
$('#reveal').addEventListener('click', toggleReveal);

shortcut('n', 'Claim the next flag', ['review'], claimNext);
shortcut('v', 'Reveal or blur the frames', ['review'], toggleReveal);
shortcut('c', 'Confirm (then Enter)', ['review'], () => chooseVerdict('confirm'));
shortcut('r', 'Reject (then Enter)', ['review'], () => chooseVerdict('reject'));
shortcut('e', 'Escalate (then Enter)', ['review'], () => chooseVerdict('escalate'));
shortcut('1-9', 'Choose the reason', ['review'], (event) => chooseReason(Number(event.key) - 1));

export const reviewView = {
  async enter(staff) {
    reviewView.leave();
    me = staff;
    renderShortcuts($('#shortcut-list'), 'review');
    timers.push(setInterval(tick, 1000), setInterval(refreshQueue, QUEUE_REFRESH_MS));
    await loadReasons().catch((error) => toast(`Reasons: ${error.message}`, 'error'));
    await refreshQueue();
  },
  leave() {
    for (const timer of timers) clearInterval(timer);
    timers = [];
  },
};
