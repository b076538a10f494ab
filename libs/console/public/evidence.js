// The evidence of one flag: frames (blurred until revealed), text with the matched spans marked, tips on a
// timeline, the account's sanctions and earlier decisions.
import { apiBlob } from './api.js';
import { dateTime, empty, h, percent, replace, shortId, streamTime } from './dom.js';

let objectUrls = [];

function forgetImages() {
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
}

/** Every span the classifier gave, as [start, end) offsets into the original text, merged where they overlap. */
export function spansOf(detail) {
  const raw = Array.isArray(detail?.spans) ? detail.spans : [];
  const ranges = raw
    .map((s) => s?.span ?? s)
    .filter((s) => Number.isInteger(s?.start) && Number.isInteger(s?.end) && s.end > s.start)
    .map((s) => [s.start, s.end])
    .sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The text with <mark> around each span (offsets are UTF-16, as JavaScript strings count). */
export function markedText(text, detail) {
  const parts = [];
  let at = 0;
  for (const [start, end] of spansOf(detail)) {
    if (start >= text.length) break;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(h('mark', {}, text.slice(Math.max(start, at), Math.min(end, text.length))));
    at = Math.min(end, text.length);
  }
  if (at < text.length) parts.push(text.slice(at));
  return h('p', { class: 'text-line', lang: 'zh' }, parts);
}

function rulesOf(detail) {
  const spans = Array.isArray(detail?.spans) ? detail.spans : [];
  const rules = spans
    .filter((s) => s?.rule)
    .map((s) => `${s.category ?? ''} ${s.rule}${s.weight !== undefined ? ` (${s.weight})` : ''}`.trim());
  const unique = [...new Set(rules)];
  if (!unique.length) return null;
  return h(
    'details',
    { class: 'why' },
    h('summary', {}, `Why: ${unique.length} matching rule${unique.length === 1 ? '' : 's'}`),
    h(
      'ul',
      { class: 'rules' },
      unique.map((r) => h('li', {}, r)),
    ),
  );
}

function frameFigure(item) {
  const img = h('img', {
    class: 'sensitive',
    alt: `Frame at stream time ${streamTime(item.streamTimeMs)} (blurred until revealed)`,
  });
  const button = h(
    'button',
    { type: 'button', 'aria-pressed': 'false', title: 'Reveal or blur this frame (v for all)' },
    img,
  );
  button.addEventListener('click', () => setRevealed(img, !img.classList.contains('revealed')));
  apiBlob(item.imageUrl)
    .then((blob) => {
      const url = URL.createObjectURL(blob);
      objectUrls.push(url);
      img.src = url;
    })
    .catch(() => img.setAttribute('alt', 'The frame image could not be loaded'));
  return h('figure', { class: 'frame' }, button, h('figcaption', {}, `t = ${streamTime(item.streamTimeMs)}`));
}

function setRevealed(img, revealed) {
  img.classList.toggle('revealed', revealed);
  img.closest('button')?.setAttribute('aria-pressed', String(revealed));
  img.alt = img.alt.replace(
    / \((blurred until revealed|revealed)\)$/,
    revealed ? ' (revealed)' : ' (blurred until revealed)',
  );
}

/** Reveals every frame, or blurs them all again; returns whether they are now revealed. */
export function toggleFrames(root, force) {
  const images = [...root.querySelectorAll('img.sensitive')];
  const reveal = force ?? !images.every((img) => img.classList.contains('revealed'));
  for (const img of images) setRevealed(img, reveal);
  return reveal;
}

function evidenceItem(item) {
  const kind = item.source?.kind;
  const meta = h(
    'div',
    { class: 'evidence-meta' },
    h('span', { class: 'badge' }, kind?.replace('_', ' ')),
    h('span', {}, `score ${percent(item.score)}`),
    item.streamTimeMs !== null && item.streamTimeMs !== undefined
      ? h('span', {}, `stream time ${streamTime(item.streamTimeMs)}`)
      : null,
    item.model ? h('span', {}, `${item.model.name}`) : null,
  );
  const body = [];
  if (kind === 'frame') body.push(h('div', { class: 'frames' }, frameFigure(item)));
  if (kind === 'frame_text') {
    if (item.imageUrl) body.push(h('div', { class: 'frames' }, frameFigure(item)));
    if (item.detail?.text)
      body.push(
        h('p', { class: 'muted' }, 'Text read from the frame:'),
        markedText(String(item.detail.text), item.detail),
        rulesOf(item.detail),
      );
  }
  if (kind === 'text_line' || kind === 'post_text') {
    const text = String(item.detail?.text ?? '');
    if (item.detail?.senderId) meta.append(h('span', {}, `from ${item.detail.senderId}`));
    body.push(markedText(text, item.detail), rulesOf(item.detail));
  }
  if (kind === 'tip_event') {
    const event = item.detail?.event ?? {};
    body.push(
      h(
        'p',
        {},
        `${event.amount ?? '?'} ${event.currency ?? ''} ${event.giftName ? `(${event.giftName})` : ''} from ${event.tipperId ?? '?'} · age ${event.ageBand ?? '?'}`,
      ),
      h(
        'ul',
        { class: 'rules' },
        (item.detail?.rules ?? []).map((r) => h('li', {}, `${r.rule}: ${r.explanation ?? ''}`)),
      ),
    );
  }
  return h('li', { class: 'evidence-item', dataset: { kind } }, meta, body);
}

/** Tip events on a time axis: one dot per tip, its size by amount; tips by minors in red. */
export function tipTimeline(tips) {
  if (!tips.length) return empty('No tips on this stream around the flag.');
  const width = 600;
  const height = 66;
  const axis = 32;
  const times = tips.map((t) => Date.parse(t.at));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(end - start, 1);
  const biggest = Math.max(...tips.map((t) => Number(t.amount) || 0), 1);
  const x = (time) => 30 + ((time - start) / span) * (width - 60);
  const svg = h(
    'svg:svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${tips.length} tips from ${new Date(start).toLocaleTimeString()} to ${new Date(end).toLocaleTimeString()}`,
    },
    h('svg:line', { class: 'axis', x1: 20, x2: width - 20, y1: axis, y2: axis }),
    tips.map((tip, i) =>
      h(
        'svg:circle',
        {
          class: `tip ${tip.ageBand === 'minor' ? 'minor' : ''}`,
          cx: x(times[i]).toFixed(1),
          cy: axis,
          r: (3 + 9 * Math.sqrt((Number(tip.amount) || 0) / biggest)).toFixed(1),
          'fill-opacity': 0.7,
        },
        h(
          'svg:title',
          {},
          `${new Date(tip.at).toLocaleTimeString()}: ${tip.amount} ${tip.currency} ${tip.giftName ?? ''} from ${tip.tipperId} (${tip.ageBand})`,
        ),
      ),
    ),
    // Amounts above the dots while there is room for them.
    tips.length <= 12
      ? tips.map((tip, i) =>
          h(
            'svg:text',
            { x: x(times[i]).toFixed(1), y: 12, 'text-anchor': 'middle', 'aria-hidden': 'true' },
            String(Number(tip.amount)),
          ),
        )
      : null,
    h('svg:text', { x: 20, y: 60 }, new Date(start).toLocaleTimeString()),
    h('svg:text', { x: width - 20, y: 60, 'text-anchor': 'end' }, new Date(end).toLocaleTimeString()),
  );
  const total = tips.reduce((sum, t) => sum + (Number(t.amount) || 0), 0);
  const minors = tips.filter((t) => t.ageBand === 'minor').length;
  return h(
    'div',
    { class: 'timeline' },
    svg,
    h(
      'p',
      { class: 'legend' },
      `${tips.length} tips, ${total.toFixed(2)} ${tips[0].currency ?? ''} in all; ${minors} by minors (red). Hover a dot for details.`,
    ),
  );
}

function historyTable(sanctions) {
  if (!sanctions.length) return empty('No earlier sanctions on this account.');
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Issued', 'Category', 'Action', 'Status', 'Strike', 'Reason'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      sanctions.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, dateTime(s.issuedAt)),
          h('td', {}, s.category),
          h('td', {}, s.action, s.durationDays ? ` ${s.durationDays}d` : '', s.kind === 'interim' ? ' (interim)' : ''),
          h('td', {}, s.status),
          h('td', {}, s.strikeNumber ?? '—'),
          h('td', {}, s.reasonCode),
        ),
      ),
    ),
  );
}

function decisionsList(decisions) {
  if (!decisions.length) return empty('None yet.');
  return h(
    'ul',
    {},
    decisions.map((d) =>
      h(
        'li',
        {},
        dateTime(d.decidedAt),
        ` ${d.reviewer} (${d.reviewerRole}): ${d.verdict} ${d.category ?? ''} · ${d.reasonCode}`,
        d.note ? h('div', { class: 'muted' }, `“${d.note}”`) : null,
      ),
    ),
  );
}

/** Fills the flag panel. Images from an earlier flag are released; new frames start blurred. */
export function renderFlag(flag, elements) {
  forgetImages();
  replace(
    elements.evidence,
    flag.evidence.length ? h('ol', { class: 'evidence-list' }, flag.evidence.map(evidenceItem)) : empty('No evidence.'),
  );
  replace(elements.tips, tipTimeline(flag.tips ?? []));
  replace(elements.history, historyTable(flag.accountHistory ?? []));
  replace(elements.decisions, decisionsList(flag.decisions ?? []));
  const facts = [
    ['Flag', shortId(flag.id)],
    ['Category', flag.category],
    ['Confidence', percent(flag.confidence)],
    ['State', flag.reviewState],
    ['Whose conduct', PARTY[flag.party] ?? flag.party ?? 'creator'],
    ['Subject', h('span', {}, `${flag.subject.kind} `, shortId(flag.subject.id))],
    flag.members
      ? [
          'Senders',
          `${flag.members.length}: ${flag.members.map((m) => m.externalId ?? shortId(m.accountId)).join(', ')}`,
        ]
      : ['Account', flag.account.externalId ?? shortId(flag.account.id)],
    ['Opened', dateTime(flag.openedAt)],
    ['Evidence', String(flag.evidenceCount ?? flag.evidence.length)],
    ...(flag.linkedFlags?.length
      ? [
          [
            'Linked flags',
            h(
              'span',
              {},
              `${flag.linkedFlags.length} share this evidence; confirming resolves them as the same violation: `,
              ...flag.linkedFlags.map((l) =>
                h('span', {}, `${l.party} ${l.subject.kind} ${l.reviewState} `, shortId(l.id), ' '),
              ),
            ),
          ],
        ]
      : []),
  ];
  replace(
    elements.facts,
    facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

const PARTY = {
  creator: 'the streamer or author (their own content)',
  viewer: 'one viewer (their chat)',
  cluster: 'a flood of senders (each sanctioned on the viewer ladder)',
};

export function clearFlag(elements) {
  forgetImages();
  for (const element of Object.values(elements)) element.replaceChildren();
}
