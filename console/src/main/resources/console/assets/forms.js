// Edit forms of the admin screens: labelled fields, and the server's validation problem (RFC 9457 `errors`:
// [{field, message}]) shown next to the field it names. The server is the one place that validates; the form only
// shows what it said, so a rule changed in a service needs no change here.
import { h, nextId } from './dom.js';
import { t } from './i18n.js';
import { toast } from './state.js';

/**
 * form({id, title, fields: [{name, label, control, hint}], submit, onSubmit}) → <form>.
 * `name` is the request's property the field fills: an error for `name`, `name.x` or `name[0]…` lands next to it.
 * onSubmit() returns the success message, or throws the ApiError whose problem is shown.
 */
export function form({ id, title, fields, submit, onSubmit, extra, mapField = (field) => field }) {
  const titleId = nextId('form-title');
  const summary = h('div', { class: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
  const rows = fields.map((f) => fieldRow(f));
  const el = h('form', { class: 'panel edit-form', id, 'aria-labelledby': titleId, novalidate: true },
    h('h3', { id: titleId }, title), summary, rows.map((r) => r.el), extra || null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submit)));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(rows, summary);
    try {
      const message = await onSubmit();
      if (message) toast(message);
    } catch (error) {
      showProblem(error, rows, summary, mapField);
    }
  });
  return el;
}

function fieldRow({ name, label, control, hint }) {
  if (!control.id) control.id = nextId('f');
  const hintEl = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  const errorEl = h('span', { class: 'field-error', id: `${control.id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hintEl?.id, errorEl.id].filter(Boolean).join(' '));
  // a group of checkboxes is labelled by its legend, a single control by <label for>
  const el = control.tagName === 'FIELDSET'
    ? h('div', { class: 'field' }, control, hintEl, errorEl)
    : h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl, errorEl);
  return { name, control, errorEl, el };
}

function clearErrors(rows, summary) {
  summary.hidden = true;
  summary.textContent = '';
  for (const row of rows) {
    row.errorEl.hidden = true;
    row.errorEl.textContent = '';
    row.control.removeAttribute('aria-invalid');
  }
}

function owns(name, field) {
  return field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);
}

function showProblem(error, rows, summary, mapField) {
  const errors = Array.isArray(error?.problem?.errors) ? error.problem.errors : [];
  const unplaced = [];
  let first = null;
  for (const original of errors) {
    // a form may show one list of the request as several inputs (a target per metric): it says where each goes
    const e = { ...original, field: mapField(String(original.field || '')) };
    const row = rows.find((r) => r.name && owns(r.name, String(e.field || '')));
    if (!row) { unplaced.push(`${e.field}: ${e.message}`); continue; }
    row.errorEl.textContent = [row.errorEl.textContent, fieldMessage(row.name, e)].filter(Boolean).join(' · ');
    row.errorEl.hidden = false;
    row.control.setAttribute('aria-invalid', 'true');
    first = first || row.control;
  }
  // the problem's detail (a 409, a 403, or fields no input shows) above the form
  if (!errors.length || unplaced.length) {
    summary.textContent = [error?.message || t('error.generic', { detail: '' }), ...unplaced].join(' — ');
    summary.hidden = false;
  }
  if (first) first.focus();
  else summary.focus();
}

function fieldMessage(name, e) {
  // "targets[1].target must be…": say which part of a list field is meant
  // ("languages[0]" → "entry 1 must be…", counted from one as people count)
  const rest = String(e.field).slice(name.length).replace(/^\./, '')
    .replace(/^\[(\d+)\]\.?/, (_, i) => `${t('form.entry', { n: Number(i) + 1 })} `).trim();
  return rest ? `${rest} ${e.message}` : e.message;
}

/** Comma-separated text → a list without blanks. */
export function list(value) {
  return String(value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** A fieldset of checkboxes, one per [value, label]; .values() → the checked values. */
export function checkboxes(legend, name, options, checked = []) {
  const boxes = options.map(([value, text]) => {
    const box = h('input', { type: 'checkbox', name, value, checked: checked.includes(value), id: nextId('cb') });
    return h('label', { class: 'check', for: box.id }, box, ' ', text);
  });
  const set = h('fieldset', { class: 'checks' }, h('legend', {}, legend), boxes);
  set.values = () => [...set.querySelectorAll('input:checked')].map((i) => i.value);
  return set;
}
