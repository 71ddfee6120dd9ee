// The field page's small DOM helpers, shared by its forms (visits, patrols, consultations).

export const $ = id => document.getElementById(id);

export function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

/// Radio buttons or check boxes, one per choice ({code, label}).
export function choices(name, type, options, chosen) {
  const box = el('div', 'choices');
  for (const o of options) {
    const label = el('label', 'check'), input = el('input');
    Object.assign(input, { type, name, value: o.code, checked: chosen.includes(o.code) });
    label.append(input, ' ' + o.label);
    box.append(label);
  }
  return box;
}

export function fieldset(legend, ...content) {
  const set = el('fieldset');
  set.append(el('legend', '', legend), ...content);
  return set;
}

/// A labelled input or textarea.
export function labelled(text, tag, attributes) {
  const label = el('label', '', text), input = Object.assign(el(tag), attributes);
  label.append(input);
  return label;
}

/// `<input type=datetime-local>`'s value for a moment, in the phone's time zone.
export function localMinute(date) {
  return new Date(date - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/// A form's datetime-local value as the API reads it: whole seconds, UTC.
export function apiTime(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/// Opens the page's one form afresh under a title, in view.
export function startForm(form, title) {
  form.replaceChildren(el('h2', '', title));
  form.hidden = false;
  form.scrollIntoView({ block: 'start' });
}

/// The form's end: the problem line, 保存 and 取消 (which hides the form).
export function formEnd(form, text) {
  const problem = el('p', 'errors', '');
  problem.hidden = true;
  const save = el('button', '', text.save), cancel = el('button', 'link', text.cancel);
  save.type = 'submit';
  cancel.type = 'button';
  cancel.addEventListener('click', () => { form.hidden = true; });
  return { problem, nodes: [problem, save, ' ', cancel] };
}
