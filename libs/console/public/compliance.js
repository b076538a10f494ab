// The compliance officer's view: sanctions with filters and exports, an account's history, the audit log's
// verification, failed deliveries and the transparency report.
import { api, apiBlob, query } from './api.js';
import { $, dateTime, empty, h, replace, saveBlob, shortId, toast } from './dom.js';
import { endOfDay, startOfDay } from './period.js';
import { loadDeliveries, verifyAudit } from './audit.js';
import { initReport, showReport } from './report.js';

const PAGE = 100;
let next = null;
let verified = false;

function filters() {
  const data = Object.fromEntries(new FormData($('#sanction-filters')).entries());
  return { ...data, from: startOfDay(data.from), to: endOfDay(data.to) };
}

function sanctionRow(s) {
  const platform = s.platform?.name ?? s.platform?.id ?? '—';
  return h(
    'tr',
    { dataset: { sanctionId: s.id } },
    h('td', {}, dateTime(s.issuedAt)),
    h('td', {}, shortId(s.id), s.kind === 'interim' ? h('div', { class: 'badge warn' }, 'interim') : null),
    h('td', { title: s.platform?.id ?? '' }, platform),
    h(
      'td',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          title: `History of account ${s.account.id}`,
          onclick: () => showAccount(s.account.id),
        },
        s.account.externalId ?? s.account.id,
      ),
    ),
    h('td', {}, s.category),
    h('td', {}, s.action, s.durationDays ? ` ${s.durationDays}d` : ''),
    h('td', {}, h('span', { class: `badge ${s.status === 'active' ? 'bad' : ''}` }, s.status)),
    h('td', {}, s.strikeNumber ?? '—'),
    h('td', {}, s.reasonCode),
    h(
      'td',
      {},
      s.automated
        ? h('span', { class: 'badge warn' }, 'automated')
        : (s.decidedByNames ?? s.decidedBy ?? []).join(', '),
    ),
  );
}

async function loadSanctions(more = false) {
  const status = $('#sanctions-status');
  status.textContent = 'Loading…';
  try {
    const page = await api(
      `/v1/compliance/sanctions${query({ ...filters(), limit: PAGE, before: more ? next : undefined })}`,
    );
    const rows = page.sanctions.map(sanctionRow);
    if (more) $('#sanctions-table tbody').append(...rows);
    else replace($('#sanctions-table tbody'), rows);
    next = page.next;
    $('#sanctions-more').hidden = !next;
    const shown = $('#sanctions-table tbody').children.length;
    status.textContent = shown
      ? `${shown} sanction${shown === 1 ? '' : 's'} shown${next ? '; more are older' : ''}.`
      : 'No sanctions match these filters.';
  } catch (error) {
    status.textContent = '';
    toast(`Sanctions: ${error.message}`, 'error');
  }
}

async function exportSanctions(format) {
  const name = `sanctions-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.${format}`;
  try {
    saveBlob(await apiBlob(`/v1/compliance/exports/sanctions.${format}${query(filters())}`), name);
    toast(`Saved ${name}.`);
  } catch (error) {
    toast(`Export: ${error.message}`, 'error');
  }
}

function timelineList(timeline) {
  if (!timeline?.length) return empty('Nothing recorded.');
  return h(
    'ol',
    { class: 'kv' },
    timeline.map((t) => h('li', {}, dateTime(t.at), ' ', h('span', { class: 'badge' }, t.kind), ' ', t.what)),
  );
}

async function showAccount(accountId) {
  const box = $('#account-history');
  replace(box, empty('Loading…'));
  try {
    const history = await api(`/v1/compliance/accounts/${encodeURIComponent(accountId)}/history`);
    const account = history.account ?? { id: accountId };
    const counts = ['flags', 'decisions', 'sanctions', 'appeals']
      .filter((k) => Array.isArray(history[k]))
      .map((k) => `${history[k].length} ${k}`);
    replace(
      box,
      h(
        'p',
        {},
        h('strong', {}, account.externalId ?? account.id),
        account.platform ? ` on ${account.platform.name ?? account.platform.id}` : '',
        h('br'),
        h('span', { class: 'muted' }, counts.join(' · ')),
      ),
      history.truncated ? h('p', { class: 'badge warn' }, 'Only the newest records are shown.') : null,
      h(
        'button',
        { type: 'button', class: 'quiet', onclick: () => filterByAccount(account.id) },
        'Show only this account’s sanctions',
      ),
      h('h3', {}, 'Timeline'),
      timelineList(history.timeline),
    );
    $('#account-title').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    replace(box, h('p', { class: 'error' }, error.message));
  }
}

function filterByAccount(accountId) {
  $('#sanction-filters').elements.accountId.value = accountId;
  loadSanctions();
}

$('#sanction-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadSanctions();
});
$('#sanctions-more').addEventListener('click', () => loadSanctions(true));
$('#export-csv').addEventListener('click', () => exportSanctions('csv'));
$('#export-jsonl').addEventListener('click', () => exportSanctions('jsonl'));
initReport();

export const complianceView = {
  async enter() {
    const work = [loadSanctions(), loadDeliveries(), showReport()];
    // Verifying reads the whole chain: once per sign-in, then on request.
    if (!verified) {
      verified = true;
      work.push(verifyAudit());
    }
    await Promise.all(work);
  },
};
