// Keyboard shortcuts: registered per view, listed on screen and in the help dialog (?).
import { $, h, replace } from './dom.js';

const registry = [];

/** key: the KeyboardEvent.key; views: where it applies; run: what it does. */
export function shortcut(key, label, views, run) {
  registry.push({ key, label, views, run });
}

function typing(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function list(view) {
  return registry.filter((s) => s.views.includes(view));
}

function keyLabel(key) {
  return key === '1-9' ? h('span', {}, h('kbd', {}, '1'), '–', h('kbd', {}, '9')) : h('kbd', {}, key);
}

/** Fills a <ul> with the shortcuts of a view (shown beside the queue and in the help dialog). */
export function renderShortcuts(element, view) {
  const items = [...list(view).filter((s) => s.label), { key: '?', label: 'Show this help' }];
  const unique = items.filter((s, i) => items.findIndex((o) => o.label === s.label) === i);
  replace(
    element,
    unique.map((s) => h('li', {}, h('span', {}, keyLabel(s.displayKey ?? s.key)), h('span', {}, s.label))),
  );
}

export function startShortcuts(currentView) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const view = currentView();
    if (!view) return;
    if (event.key === '?' && !typing(event.target)) {
      event.preventDefault();
      const dialog = $('#help');
      renderShortcuts($('#help-list'), view);
      if (!dialog.open) dialog.showModal();
      return;
    }
    if (typing(event.target) || $('#help').open) return;
    const match = list(view).find((s) => s.key === event.key || (s.key === '1-9' && /^[1-9]$/.test(event.key)));
    if (!match) return;
    event.preventDefault();
    match.run(event);
  });
}
