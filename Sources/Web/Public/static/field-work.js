// Patrols and walk-in consultations on the field page: started, ended and noted with no
// signal, each saved to the phone's queue under its own client id. A patrol's end names its
// start by the start's client id (the server's id is not known offline), and waits in the
// queue until the start has been sent.
import { $, el, choices, fieldset, labelled, localMinute, apiTime, formEnd, startForm } from './field-dom.js';

/// The patrol this officer started on the phone and has not ended: a start no end names.
export function runningPatrol(items, user) {
  const ended = new Set(items.filter(i => i.kind === 'patrolEnd').map(i => i.after));
  return items.filter(i => i.user === user && i.kind === 'patrolStart' && !ended.has(i.clientID)).sort((a, b) => b.savedAt - a.savedAt)[0];
}

function button(word, className, act) {
  const b = el('button', 'secondary ' + className, word);
  b.type = 'button';
  b.addEventListener('click', act);
  return b;
}

const minute = at => new Date(at).toLocaleString(document.documentElement.lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/// The section's buttons: start or end a patrol (and how long it has run), note a consultation.
export function drawWork(ctx, items) {
  const box = $('field-work-actions');
  box.replaceChildren();
  if (!ctx.shown()) return;
  const running = runningPatrol(items, ctx.user);
  if (running) {
    box.append(el('p', 'patrol-running', ctx.text.patrolSince.replace('%@', minute(running.at)).replace('%@', running.gridNames)),
               button(ctx.text.patrolEnd, 'patrol-end', () => openPatrolEnd(ctx, running)));
  } else {
    box.append(button(ctx.text.patrolStart, 'patrol-start', () => openPatrolStart(ctx)));
  }
  box.append(' ', button(ctx.text.consultationNew, 'consultation-new', () => openConsultation(ctx)));
}

function fail(end, words) {
  end.problem.textContent = words;
  end.problem.hidden = false;
}

/// 开始巡逻: the grids (the officer's own checked when there is one), how, residents along.
export function openPatrolStart(ctx, item) {
  const text = ctx.text, form = $('record-form'), { copy, vocabulary } = ctx.shown(), body = item ? item.body : null;
  startForm(form, text.patrolStart);
  const grids = copy.grids.map(g => ({ code: String(g.id), label: g.name }));
  const end = formEnd(form, text);
  form.append(labelled(text.patrolStartedAt, 'input', { type: 'datetime-local', name: 'at', required: true, value: localMinute(body ? new Date(body.startedAt) : ctx.serverNow()) }),
              fieldset(text.patrolGrids, choices('gridIDs', 'checkbox', grids, body ? body.gridIDs.map(String) : grids.length === 1 ? [grids[0].code] : [])),
              fieldset(text.patrolMode, choices('mode', 'radio', vocabulary.patrolModes, body ? [body.mode] : ['foot'])),
              labelled(text.patrolResidents, 'input', { type: 'number', name: 'residents', min: 0, max: 500, value: body ? body.residents : 0 }),
              ...end.nodes);
  form.onsubmit = async event => {
    event.preventDefault();
    const data = new FormData(form), gridIDs = data.getAll('gridIDs').map(Number), mode = data.get('mode');
    if (!gridIDs.length || !mode || !data.get('at')) return fail(end, text.needGrid);
    const clientID = item ? item.clientID : crypto.randomUUID(), startedAt = apiTime(data.get('at'));
    const gridNames = copy.grids.filter(g => gridIDs.includes(g.id)).map(g => g.name).join('、');
    await ctx.keep({ clientID, user: ctx.user, kind: 'patrolStart', formVersion: 1, savedAt: item ? item.savedAt : Date.now(), state: 'pending', reason: '',
                     title: text.patrolStart + ' · ' + gridNames, gridNames, at: startedAt,
                     body: { clientID, startedAt, gridIDs, mode, residents: Number(data.get('residents')) || 0 } });
  };
}

/// 结束巡逻: when, and what is worth noting. `start`: the start's client id and grid names.
export function openPatrolEnd(ctx, start, item) {
  const text = ctx.text, form = $('record-form'), body = item ? item.body : null;
  startForm(form, text.patrolEnd + ' · ' + start.gridNames);
  const end = formEnd(form, text);
  form.append(labelled(text.patrolEndedAt, 'input', { type: 'datetime-local', name: 'at', required: true, value: localMinute(body ? new Date(body.endedAt) : ctx.serverNow()) }),
              labelled(text.patrolNote, 'textarea', { name: 'note', rows: 3, maxLength: 2000, value: body ? body.note : '' }),
              ...end.nodes);
  form.onsubmit = async event => {
    event.preventDefault();
    const data = new FormData(form);
    const clientID = item ? item.clientID : crypto.randomUUID(), endedAt = apiTime(data.get('at'));
    await ctx.keep({ clientID, user: ctx.user, kind: 'patrolEnd', formVersion: 1, savedAt: item ? item.savedAt : Date.now(), state: 'pending', reason: '',
                     title: text.patrolEnd + ' · ' + start.gridNames, gridNames: start.gridNames, at: endedAt, after: start.clientID,
                     body: { clientID, startClientID: start.clientID, endedAt, note: data.get('note') || '' } });
  };
}

/// 接待登记: a walk-in's topic and outcome, in two taps, and a note.
export function openConsultation(ctx, item) {
  const text = ctx.text, form = $('record-form'), { vocabulary } = ctx.shown(), body = item ? item.body : null;
  startForm(form, text.consultationNew);
  const end = formEnd(form, text);
  form.append(labelled(text.consultationAt, 'input', { type: 'datetime-local', name: 'at', required: true, value: localMinute(body ? new Date(body.at) : ctx.serverNow()) }),
              fieldset(text.consultationTopic, choices('topic', 'radio', vocabulary.topics, body ? [body.topic] : [])),
              fieldset(text.consultationOutcome, choices('outcome', 'radio', vocabulary.outcomes, body ? [body.outcome] : ['answered'])),
              labelled(text.consultationNote, 'textarea', { name: 'note', rows: 2, maxLength: 500, value: body ? body.note : '' }),
              ...end.nodes);
  form.onsubmit = async event => {
    event.preventDefault();
    const data = new FormData(form), topic = data.get('topic'), outcome = data.get('outcome');
    if (!topic || !outcome || !data.get('at')) return fail(end, text.needTopic);
    const clientID = item ? item.clientID : crypto.randomUUID(), at = apiTime(data.get('at'));
    const topicName = (vocabulary.topics.find(t => t.code === topic) || { label: topic }).label;
    await ctx.keep({ clientID, user: ctx.user, kind: 'consultation', formVersion: 1, savedAt: item ? item.savedAt : Date.now(), state: 'pending', reason: '',
                     title: text.consultationNew + ' · ' + topicName, at, body: { clientID, at, topic, outcome, note: data.get('note') || '' } });
  };
}
