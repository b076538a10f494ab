// Senior reviewers: appeals against sanctions, upheld or revoked with a note.
import { api } from './api.js';
import { $, dateTime, empty, h, replace, shortId, toast } from './dom.js';

async function load() {
  const status = $('#appeal-status').value;
  try {
    const { appeals } = await api(`/v1/review/appeals?status=${encodeURIComponent(status)}`);
    replace(
      $('#appeals'),
      appeals.length ? h('ol', { class: 'evidence-list' }, appeals.map(appealItem)) : empty(`No ${status} appeals.`),
    );
  } catch (error) {
    replace($('#appeals'), h('p', { class: 'error' }, error.message));
  }
}

function appealItem(appeal) {
  const meta = h(
    'div',
    { class: 'evidence-meta' },
    h('span', {}, 'Appeal ', shortId(appeal.id)),
    h('span', {}, 'on sanction ', shortId(appeal.sanctionId)),
    h('span', {}, 'filed ', dateTime(appeal.createdAt)),
    h('span', { class: 'badge' }, appeal.status),
  );
  const statement = h('blockquote', {}, appeal.statement);
  const about = sanctionSummary(appeal.sanction);
  if (appeal.status !== 'pending') {
    return h(
      'li',
      { class: 'evidence-item' },
      meta,
      about,
      statement,
      h(
        'p',
        {},
        `Decided ${appeal.decidedAt ?? ''} by ${appeal.decidedByName ?? appeal.decidedBy ?? '?'}: ${appeal.decisionNote ?? ''}`,
      ),
    );
  }
  const noteId = `appeal-note-${appeal.id}`;
  const note = h('textarea', { id: noteId, rows: 2, maxlength: 2000, required: true });
  const decide = async (outcome) => {
    if (!note.value.trim()) {
      note.focus();
      toast('Write a note for the account: it is part of the decision.', 'error');
      return;
    }
    try {
      await api(`/v1/review/appeals/${encodeURIComponent(appeal.id)}/decision`, {
        method: 'POST',
        body: { outcome, note: note.value.trim() },
      });
      toast(outcome === 'revoke' ? 'Sanction revoked.' : 'Sanction upheld.');
      await load();
    } catch (error) {
      toast(`Appeal: ${error.message}`, 'error');
    }
  };
  return h(
    'li',
    { class: 'evidence-item' },
    meta,
    about,
    statement,
    h('label', { for: noteId }, 'Decision note'),
    note,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => decide('uphold') }, 'Uphold'),
      h('button', { type: 'button', class: 'danger', onclick: () => decide('revoke') }, 'Revoke'),
    ),
  );
}

$('#appeal-status').addEventListener('change', load);

export const appealsView = { enter: load };

/** What the appeal is about: the sanction, its ground, who decided it, and the strongest evidence it relied on. */
function sanctionSummary(sanction) {
  if (!sanction) return h('p', {}, 'The sanction could not be loaded.');
  const ground = sanction.statement?.ground ?? {};
  const evidence = (sanction.statement?.facts?.evidence ?? []).filter((e) => e.text).slice(0, 3);
  return h(
    'div',
    { class: 'appeal-sanction' },
    h(
      'p',
      {},
      h('strong', {}, sanction.statement?.decision?.summary ?? sanction.action),
      ` for ${sanction.category} (${ground.reasonLabel ?? sanction.reasonCode}), account `,
      h('code', {}, sanction.account?.externalId ?? sanction.account?.id ?? '?'),
      ', issued ',
      dateTime(sanction.issuedAt),
      ` by ${(sanction.decidedByNames ?? []).join(', ') || 'automation'}; status ${sanction.status}.`,
    ),
    evidence.length
      ? h(
          'ul',
          { 'aria-label': 'Evidence the sanction relied on' },
          evidence.map((e) => h('li', {}, e.text)),
        )
      : null,
  );
}
