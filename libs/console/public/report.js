// The transparency report for a period: totals, and bars for each breakdown the API returns.
import { api, apiBlob, query } from './api.js';
import { $, h, replace, saveBlob, toast } from './dom.js';
import { barChart, formatNumber } from './charts.js';
import { dayOf, endOfDay, startOfDay } from './period.js';

const humanise = (key) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();

function period() {
  const form = $('#report-form');
  return { from: startOfDay(form.elements.from.value), to: endOfDay(form.elements.to.value) };
}

function sumBy(rows, key) {
  const sums = new Map();
  for (const row of rows) sums.set(row[key], (sums.get(row[key]) ?? 0) + row.count);
  return [...sums.entries()].sort((a, b) => b[1] - a[1]);
}

function total(label, value) {
  return h('li', {}, h('strong', {}, value === null || value === undefined ? '—' : formatNumber(value)), label);
}

/** The report of GET /v1/compliance/reports/transparency: totals, then bars per breakdown. */
export function renderReport(report) {
  const s = report.sanctions;
  const rows = s.byCategoryAndAction ?? [];
  const timing = Object.entries(report.timing ?? {}).filter(([, m]) => m.medianSeconds !== null);
  replace(
    $('#report'),
    h(
      'p',
      { class: 'muted' },
      `${report.period.from} to ${report.period.to} (exclusive) · policy ${String(report.policyVersion).slice(0, 12)}`,
    ),
    h(
      'ul',
      { class: 'report-totals' },
      total('sanctions', s.total),
      total('by reviewers', s.human),
      total('automated', s.automated),
      total('revoked in the period', s.revokedInPeriod),
      total('flags opened', report.flags.opened),
      total('appeals', report.appeals.submitted),
      h(
        'li',
        {},
        h(
          'strong',
          {},
          report.appeals.reversalRate === null ? '—' : `${Math.round(report.appeals.reversalRate * 100)}%`,
        ),
        'appeals reversed',
      ),
    ),
    h(
      'div',
      { class: 'charts' },
      barChart('Sanctions by category', sumBy(rows, 'category')),
      barChart('Sanctions by action', sumBy(rows, 'action')),
      barChart(
        'Flags',
        Object.entries(report.flags).map(([k, v]) => [humanise(k), v]),
      ),
      barChart(
        'Appeals',
        Object.entries(report.appeals)
          .filter(([k]) => k !== 'reversalRate')
          .map(([k, v]) => [humanise(k), v]),
      ),
      barChart(
        'Median delay (seconds)',
        timing.map(([k, m]) => [`${humanise(k)} (${m.count})`, m.medianSeconds]),
      ),
    ),
    rows.length
      ? h(
          'table',
          { class: 'compact' },
          h('caption', {}, 'Sanctions by category and action'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Category'),
              h('th', { scope: 'col' }, 'Action'),
              h('th', { scope: 'col' }, 'Count'),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h('tr', {}, h('td', {}, r.category), h('td', {}, r.action), h('td', {}, formatNumber(r.count))),
            ),
          ),
        )
      : null,
  );
}

export async function showReport() {
  try {
    renderReport(await api(`/v1/compliance/reports/transparency${query({ ...period(), format: 'json' })}`));
  } catch (error) {
    replace($('#report'), h('p', { class: 'error' }, error.message));
  }
}

async function downloadCsv() {
  try {
    const range = period();
    saveBlob(
      await apiBlob(`/v1/compliance/reports/transparency${query({ ...range, format: 'csv' })}`),
      `transparency-${$('#report-form').elements.from.value}-${$('#report-form').elements.to.value}.csv`,
    );
  } catch (error) {
    toast(`Report: ${error.message}`, 'error');
  }
}

export function initReport() {
  const form = $('#report-form');
  const today = new Date();
  const monthAgo = new Date(today);
  monthAgo.setDate(today.getDate() - 30);
  form.elements.from.value = dayOf(monthAgo);
  form.elements.to.value = dayOf(today);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showReport();
  });
  $('#report-csv').addEventListener('click', downloadCsv);
}
