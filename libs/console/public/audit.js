// The audit log's verification (hash chain and signed checkpoints) and webhook deliveries that gave up.
import { api } from './api.js';
import { $, dateTime, empty, h, replace, shortId, toast } from './dom.js';

export async function verifyAudit() {
  const box = $('#audit');
  replace(box, h('p', { class: 'muted' }, 'Verifying the audit log…'));
  try {
    const result = await api('/v1/audit/verify');
    const problem = result.firstProblem;
    replace(
      box,
      h(
        'div',
        { class: `audit-status ${result.ok ? 'ok' : 'bad'}`, dataset: { ok: String(result.ok) } },
        h('strong', {}, result.ok ? 'Verified' : 'Verification FAILED'),
        h('p', {}, result.message),
        h(
          'p',
          { class: 'muted' },
          `${result.entries} entries, ${result.checkpoints?.checked ?? 0} signed checkpoints checked (key ${result.checkpoints?.keyId ?? '?'}), in ${Number(result.seconds ?? 0).toFixed(2)} s`,
        ),
        problem ? h('p', {}, `First problem at entry ${problem.seq} (${problem.problem}): ${problem.message}`) : null,
        result.headHash
          ? h(
              'p',
              { class: 'muted' },
              'Head hash ',
              h('code', { title: result.headHash }, `${result.headHash.slice(0, 16)}…`),
            )
          : null,
      ),
    );
  } catch (error) {
    replace(box, h('p', { class: 'error' }, `Could not verify: ${error.message}`));
  }
}

export async function loadDeliveries() {
  const box = $('#deliveries');
  try {
    const { deliveries } = await api('/v1/compliance/deliveries?status=failed&limit=50');
    if (!deliveries.length) {
      replace(box, empty('No failed deliveries.'));
      return;
    }
    replace(
      box,
      h(
        'ul',
        { class: 'evidence-list' },
        deliveries.map((d) =>
          h(
            'li',
            { class: 'evidence-item' },
            h(
              'div',
              { class: 'evidence-meta' },
              h('span', {}, d.platform?.name ?? d.platform?.id ?? ''),
              h('span', {}, `${d.type} #${d.sequence}`),
              h('span', {}, `${d.attempts} attempts`),
            ),
            h('p', {}, 'Sanction ', shortId(d.sanctionId), ' · created ', dateTime(d.createdAt)),
            d.lastError ? h('p', { class: 'muted' }, d.lastError) : null,
            h('button', { type: 'button', class: 'quiet', onclick: () => replay(d.id) }, 'Replay'),
          ),
        ),
      ),
    );
  } catch (error) {
    replace(box, h('p', { class: 'error' }, error.message));
  }
}

async function replay(id) {
  try {
    await api(`/v1/compliance/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
    toast('Delivery queued again.');
    await loadDeliveries();
  } catch (error) {
    toast(`Replay: ${error.message}`, 'error');
  }
}

$('#audit-verify').addEventListener('click', verifyAudit);
$('#deliveries-refresh').addEventListener('click', loadDeliveries);
