// The console's entry: sign-in, who the token belongs to, and which views that role sees.
import { api, token, whenUnauthorized } from './api.js';
import { $, $$, toast } from './dom.js';
import { startShortcuts } from './shortcuts.js';
import { reviewView } from './review.js';
import { appealsView } from './appeals.js';
import { complianceView } from './compliance.js';

const VIEWS = { review: reviewView, appeals: appealsView, compliance: complianceView };
const HOME = { reviewer: 'review', senior_reviewer: 'review', compliance: 'compliance' };

let me = null;
let current = null;

function allowed(view) {
  const link = $(`#nav a[data-view="${view}"]`);
  return Boolean(me && link && link.dataset.roles.split(' ').includes(me.role));
}

function show(view) {
  if (current && current !== view) VIEWS[current].leave?.();
  for (const section of $$('main > .view')) section.hidden = section.id !== `view-${view}`;
  for (const link of $$('#nav a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  current = view;
  document.body.dataset.view = view;
  VIEWS[view]?.enter(me);
}

function route() {
  if (!me) return;
  const wanted = location.hash.slice(1);
  show(allowed(wanted) ? wanted : HOME[me.role]);
}

function showSignIn(message = '') {
  if (current) VIEWS[current]?.leave?.();
  me = null;
  current = null;
  document.body.dataset.view = 'signin';
  for (const section of $$('main > .view')) section.hidden = section.id !== 'view-signin';
  $('#nav').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  $('#signin-error').textContent = message;
  $('#token').value = '';
  $('#token').focus();
}

async function signIn() {
  try {
    me = await api('/v1/staff/me');
  } catch (error) {
    token.clear();
    showSignIn(
      error.status === 401 || error.status === 403
        ? 'That token is not a valid staff token.'
        : `Could not reach the API: ${error.message}`,
    );
    return;
  }
  $('#who').textContent = `${me.name} · ${me.role.replace('_', ' ')}`;
  $('#sign-out').hidden = false;
  $('#nav').hidden = false;
  for (const link of $$('#nav a')) link.hidden = !allowed(link.dataset.view);
  route();
}

$('#signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('#token').value.trim();
  if (!value) return;
  token.set(value);
  signIn();
});

$('#sign-out').addEventListener('click', () => {
  token.clear();
  showSignIn();
});

whenUnauthorized((message) => {
  if (!me) return;
  token.clear();
  showSignIn(`Signed out: ${message}`);
  toast('Your token was refused; sign in again.', 'error');
});

window.addEventListener('hashchange', route);
startShortcuts(() => current);

if (token.get()) signIn();
else showSignIn();
