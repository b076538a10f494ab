// Senior reviewers: appeals against sanctions, upheld or revoked with a note.
import { api } from './api.js';
import { $, dateTime, empty, h, replace, shortId, toast } from './dom.js';

async function load() {
  const status = $('#appeal-status').value;
  try {
    const { appeals } = await api(`/v1/review/appeals?status=${encodeURIComponent(status)}`);
    replace($('#appeals'), appeals.length ? h('ol', { class: 'evidence-list' }, appeals.map(appealItem)) : empty(`No ${status} appeals.`));
  } catch (error) {
    replace($('#appeals'), h('p', { class: 'error' }, error.message));
  }
}

function appealItem(appeal) {
  const meta = h('div', { class: 'evidence-meta' }, h('span', {}, 'Appeal ', shortId(appeal.id)), h('span', {}, 'on sanction ', shortId(appeal.sanctionId)), h('span', {}, 'filed ', dateTime(appeal.createdAt)), h('span', { class: 'badge' }, appeal.status));
  const statement = h('blockquote', {}, appeal.statement);
  if (appeal.status !== 'pending') {
    return h('li', { class: 'evidence-item' }, meta, statement, h('p', {}, `Decided ${appeal.decidedAt ?? ''} by ${appeal.decidedBy ?? '?'}: ${appeal.decisionNote ?? ''}`));
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
      await api(`/v1/review/appeals/${encodeURIComponent(appeal.id)}/decision`, { method: 'POST', body: { outcome, note: note.value.trim() } });
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
    statement,
    h('label', { for: noteId }, 'Decision note'),
    note,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => decide('uphold') }, 'Uphold'), h('button', { type: 'button', class: 'danger', onclick: () => decide('revoke') }, 'Revoke')),
  );
}

$('#appeal-status').addEventListener('change', load);

export const appealsView = { enter: load };
