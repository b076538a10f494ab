// Small helpers to build DOM nodes without innerHTML (all data is text, never markup).

/** h('td', {class: 'x'}, 'text', node, ...): an element with attributes, properties and children. */
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** A short message in the corner that screen readers announce. */
export function toast(message, kind = 'info') {
  const box = $('#toast');
  const line = h('p', { class: kind === 'error' ? 'bad' : '' }, message);
  box.append(line);
  setTimeout(() => line.remove(), 6000);
}

export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return h(
    'time',
    { datetime: iso, title: iso },
    d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }),
  );
}

/** 83_500 ms → "1:23.5" (stream time). */
export function streamTime(ms) {
  if (ms === null || ms === undefined) return '—';
  const total = ms / 1000;
  const minutes = Math.floor(total / 60);
  const seconds = (total % 60).toFixed(1).padStart(4, '0');
  return `${minutes}:${seconds}`;
}

export const percent = (value) => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`);

/** An id shown short, whole in the title and for copying. */
export const shortId = (id) =>
  id ? h('code', { title: id, class: 'id' }, id.length > 12 ? `${id.slice(0, 8)}…` : id) : '—';

/** Saves a Blob under a file name, as a download. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function empty(text) {
  return h('p', { class: 'muted' }, text);
}
