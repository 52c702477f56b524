// Parley class pages: a team's page and the instructor's console, in one script with no build step.
// Every text from the server (briefings, messages students typed, labels) goes into the page as a
// text node, never as HTML. The code is kept for this tab (sessionStorage) so a reload or a dropped
// connection rejoins the same seat.

const app = document.getElementById('app');
const conn = document.getElementById('conn');
const title = document.getElementById('title');
const joinForm = document.getElementById('join');

/** An element with attributes and children; strings become text nodes. */
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}

const state = {
  code: null,
  ws: null,
  view: null,
  offset: 0,
  retry: 0,
  /** UI state kept across views: the open decision's key, its picks, the builder, the message draft. */
  key: null,
  pick: null,
  counter: null,
  pkg: null,
  check: null,
  builderOpen: false,
  draft: { to: 'all', text: '' },
};

function notice(text, error = false) {
  const n = h('div', { class: error ? 'notice error' : 'notice', role: 'status' }, text);
  document.body.append(n);
  setTimeout(() => n.remove(), error ? 6000 : 3500);
}

function send(msg) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(msg));
  else notice('not connected: reconnecting…', true);
}

function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  state.ws = ws;
  conn.textContent = 'connecting…';
  conn.className = 'pill';
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'join', code: state.code })));
  ws.addEventListener('message', (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.type === 'joined') {
      state.retry = 0;
      sessionStorage.setItem('parley-code', state.code);
      conn.textContent = msg.as === 'team' ? 'connected' : 'console connected';
      conn.className = 'pill live';
      joinForm.hidden = true;
    } else if (msg.type === 'view') {
      state.offset = msg.view.now - Date.now();
      state.view = msg.view;
      render();
    } else if (msg.type === 'checked') {
      state.check = msg.check;
      render();
    } else if (msg.type === 'decided') notice('Your decision is in.');
    else if (msg.type === 'notice') notice(msg.text);
    else if (msg.type === 'error') {
      if (!state.view) {
        sessionStorage.removeItem('parley-code');
        state.code = null;
        showJoin(msg.message);
        ws.close();
      } else notice(msg.message, true);
    }
  });
  ws.addEventListener('close', () => {
    if (state.ws !== ws || state.code === null) return;
    conn.textContent = 'reconnecting…';
    conn.className = 'pill down';
    const wait = Math.min(5000, 500 * 2 ** state.retry++);
    setTimeout(connect, wait);
  });
}

function showJoin(error) {
  app.replaceChildren(joinForm);
  joinForm.hidden = false;
  document.getElementById('join-error').textContent = error ?? '';
  conn.textContent = 'not joined';
  conn.className = 'pill';
}

joinForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.code = document.getElementById('code').value.trim().toUpperCase();
  if (state.code) connect();
});

// ---- shared pieces ----

function secondsLeft(v) {
  return v.deadline ? Math.max(0, Math.round((v.deadline - (Date.now() + state.offset)) / 1000)) : null;
}

function clockText(v) {
  const left = secondsLeft(v);
  return left === null ? null : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

function statusBar(v, who) {
  const c = clockText(v);
  return h(
    'div',
    { class: 'card status' },
    h('span', { class: 'big' }, who),
    h('span', {}, `Turn ${v.state.turn} of ${v.state.turns} · ${v.state.quarter}`),
    h('span', { class: 'pill' }, v.status === 'lobby' ? 'waiting for the instructor to start' : v.status),
    c ? h('span', { class: `clock${secondsLeft(v) <= 30 ? ' low' : ''}`, id: 'clock', 'aria-label': 'time left' }, `⏱ ${c}`) : null,
    v.outcome ? h('span', {}, `Outcome: ${v.outcome}`) : null,
  );
}

function stateCard(v) {
  const s = v.state;
  return h(
    'section',
    { class: 'card', 'aria-label': 'the state' },
    h('h2', {}, 'Where things stand'),
    h('p', {}, s.talks ? 'Peace-treaty talks are on.' : 'Peace-treaty talks are suspended.', s.treaty ? ` Treaty signed: ${s.treaty}.` : ''),
    h('ul', {}, s.territories.map((t) => h('li', {}, h('strong', {}, t.name), `: ${t.status}`))),
    s.gauges.map((g) =>
      h('div', { class: 'gauge' }, h('span', {}, g.label), h('meter', { min: 0, max: 1, value: g.value }), h('span', {}, g.value.toFixed(2))),
    ),
  );
}

function historyCard(lines) {
  const list = h('ol', { class: 'history' }, lines.map((l) => h('li', {}, l)));
  const card = h('section', { class: 'card', 'aria-label': 'history' }, h('h2', {}, `What has happened (${lines.length})`), list);
  queueMicrotask(() => {
    list.scrollTop = list.scrollHeight;
  });
  return card;
}

function messagesCard(v, me, names) {
  const nameOf = (r) => (r === 'all' ? 'everyone' : r === 'instructor' ? 'Instructor' : (names[r] ?? r));
  const list = h(
    'ul',
    { class: 'messages', 'aria-label': 'messages' },
    v.messages.length === 0
      ? h('li', { class: 'muted' }, 'No messages yet.')
      : v.messages.map((m) =>
          h(
            'li',
            {},
            h('span', { class: 'who' }, `${nameOf(m.from)} → ${nameOf(m.to)}`),
            m.to !== 'all' ? h('span', { class: 'private' }, '(private)') : null,
            h('span', { class: 'muted' }, `turn ${m.turn}: `),
            m.text,
          ),
        ),
  );
  const to = h(
    'select',
    { 'aria-label': 'Send to', onchange: (e) => (state.draft.to = e.target.value) },
    h('option', { value: 'all', selected: state.draft.to === 'all' }, 'Everyone (public)'),
    v.roles.filter((r) => r.role !== me).map((r) => h('option', { value: r.role, selected: state.draft.to === r.role }, `${r.name} (private)`)),
  );
  const text = h('textarea', { 'aria-label': 'Message text', maxlength: 1000, oninput: (e) => (state.draft.text = e.target.value) });
  text.value = state.draft.text;
  const form = h(
    'form',
    {
      onsubmit: (e) => {
        e.preventDefault();
        if (!state.draft.text.trim()) return;
        send({ type: 'message', to: state.draft.to, text: state.draft.text });
        state.draft.text = '';
        text.value = '';
      },
    },
    h('div', { class: 'actions' }, h('label', {}, 'To ', to)),
    text,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Send')),
  );
  queueMicrotask(() => {
    list.scrollTop = list.scrollHeight;
  });
  return h('section', { class: 'card', 'aria-label': 'messages card' }, h('h2', {}, 'Messages'), list, form);
}

// ---- the team's page ----

function optionList(name, options, picked, onpick) {
  return h(
    'div',
    { role: 'radiogroup' },
    options.map((o, k) =>
      h(
        'label',
        { class: 'option' },
        h('input', { type: 'radio', name, value: k, checked: picked === k, onchange: () => onpick(k) }),
        h(
          'span',
          {},
          h('span', {}, `${k + 1}. ${o.label}`),
          o.detail.length ? h('ul', { class: 'detail' }, o.detail.map((d) => h('li', {}, d))) : null,
          o.hint ? h('div', { class: 'hint' }, `Hint: ${o.hint}`) : null,
        ),
      ),
    ),
  );
}

function emptyPackage(v) {
  return { territories: Object.fromEntries(v.terms.territories.map((t) => [t.id, 'keep'])), treaty: true, noForeignBases: false, extras: [] };
}

function builder(v) {
  const pkg = state.pkg;
  const changed = () => {
    state.check = null;
    send({ type: 'check', package: pkg });
  };
  const choice = (t) =>
    h(
      'select',
      {
        'aria-label': t.name,
        onchange: (e) => {
          pkg.territories[t.id] = e.target.value;
          changed();
        },
      },
      [
        ['keep', 'stays as it is'],
        ['transfer', 'transferred'],
        ['joint', 'joint administration'],
        ['talks', 'talks go on about it'],
      ].map(([val, label]) => h('option', { value: val, selected: pkg.territories[t.id] === val }, label)),
    );
  const box = (label, checked, set) =>
    h(
      'label',
      { class: 'option' },
      h('input', {
        type: 'checkbox',
        checked,
        onchange: (e) => {
          set(e.target.checked);
          changed();
        },
      }),
      label,
    );
  const c = state.check;
  return h(
    'details',
    { class: 'builder', open: state.builderOpen, ontoggle: (e) => (state.builderOpen = e.target.open) },
    h('summary', {}, 'Build your own package, term by term'),
    h('fieldset', {}, h('legend', {}, 'The territories'), h('div', { class: 'terr' }, v.terms.territories.map((t) => [h('span', {}, t.name), choice(t)]))),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Other terms'),
      box('A peace treaty', pkg.treaty, (x) => (pkg.treaty = x)),
      box('No foreign bases on transferred territory', pkg.noForeignBases, (x) => (pkg.noForeignBases = x)),
      v.terms.extras.map((x) =>
        box(x.label, pkg.extras.includes(x.id), (on) => (pkg.extras = on ? [...pkg.extras, x.id] : pkg.extras.filter((e) => e !== x.id))),
      ),
    ),
    c
      ? c.ok
        ? h(
            'div',
            { class: 'check ok' },
            h('div', {}, `Allowed: ${c.label}`),
            h('ul', { class: 'detail' }, c.terms.map((t) => h('li', {}, t))),
            c.warning ? h('div', { class: 'error' }, `Note: ${c.warning}`) : null,
          )
        : h('div', { class: 'check no' }, `Not allowed: ${c.reason}`)
      : h('div', { class: 'muted' }, 'Change a term to check the package.'),
  );
}

function decisionCard(v) {
  const p = v.pending;
  if (!p)
    return h(
      'section',
      { class: 'card', 'aria-label': 'your decision' },
      h('h2', {}, 'Your decision'),
      h(
        'p',
        { class: 'waiting' },
        v.status === 'ended'
          ? 'The game is over.'
          : v.roles.find((r) => r.role === v.role)?.played === false
            ? v.roles.find((r) => r.role === v.role)?.seatedFrom
              ? `Your team takes over your country at the start of turn ${v.roles.find((r) => r.role === v.role).seatedFrom}: until then the AI plays it.`
              : 'The AI plays your country: no team had joined its seat when the game started. Your instructor can seat your team from the next turn.'
            : v.status === 'lobby'
            ? 'The game has not started: your instructor starts it.'
            : v.status === 'paused'
              ? 'The game is paused.'
              : v.deciding.length > 0
                ? `Nothing for you to decide now: waiting for ${v.deciding.join(', ')}.`
                : 'Nothing for you to decide now.',
      ),
    );
  if (state.key !== p.key) {
    state.key = p.key;
    state.pick = null;
    state.counter = null;
    state.pkg = emptyPackage(v);
    state.check = null;
  }
  const kids = [h('h2', {}, { move: 'Your move this quarter', offer: 'You have the floor: make an offer', counter: 'Make a counter-offer', response: 'An offer is on the table' }[p.kind])];
  if (p.kind === 'move') {
    kids.push(optionList('move', p.options, state.pick, (k) => (state.pick = k)));
    kids.push(
      h('div', { class: 'actions' }, h('button', { onclick: () => state.pick !== null && send({ type: 'decide', key: p.key, decision: { kind: 'move', choice: state.pick } }) }, 'Decide')),
    );
  } else if (p.kind === 'offer' || p.kind === 'counter') {
    kids.push(optionList('offer', p.options, state.pick, (k) => (state.pick = k)));
    kids.push(
      h('label', { class: 'option' }, h('input', { type: 'radio', name: 'offer', checked: state.pick === 'own', onchange: () => (state.pick = 'own') }), 'Table your own package (below)'),
    );
    kids.push(builder(v));
    kids.push(
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            onclick: () => {
              if (state.pick === null) return notice('choose an offer first', true);
              const decision = state.pick === 'own' ? { kind: 'offer', package: state.pkg } : { kind: 'offer', choice: state.pick };
              send({ type: 'decide', key: p.key, decision });
            },
          },
          'Table it',
        ),
      ),
    );
  } else {
    const o = p.offer;
    kids.push(h('div', { class: 'offer' }, h('strong', {}, `${o.from}${o.counter ? ' counters' : ' offers'}: `), o.label, h('ul', { class: 'detail' }, o.terms.map((t) => h('li', {}, t)))));
    if (p.hint) kids.push(h('div', { class: 'hint' }, `Hint: ${p.hint}`));
    if (p.counters) {
      kids.push(h('p', {}, 'If you reject it, you may counter:'));
      kids.push(optionList('counter', p.counters, state.counter, (k) => (state.counter = k)));
      kids.push(
        h(
          'label',
          { class: 'option' },
          h('input', { type: 'radio', name: 'counter', checked: state.counter === 'own', onchange: () => (state.counter = 'own') }),
          'Counter with your own package (below)',
        ),
      );
      kids.push(builder(v));
    }
    kids.push(
      h(
        'div',
        { class: 'actions' },
        h('button', { onclick: () => send({ type: 'decide', key: p.key, decision: { kind: 'response', response: 'accept' } }) }, 'Accept'),
        h(
          'button',
          {
            class: 'secondary',
            onclick: () =>
              send({
                type: 'decide',
                key: p.key,
                decision: {
                  kind: 'response',
                  response: 'reject',
                  ...(p.counters && state.counter !== null
                    ? { counter: state.counter === 'own' ? { package: state.pkg } : { choice: state.counter } }
                    : {}),
                },
              }),
          },
          p.counters ? 'Reject (and counter, if chosen)' : 'Reject',
        ),
      ),
    );
  }
  return h('section', { class: 'card', 'aria-label': 'your decision' }, kids);
}

function briefingCard(v) {
  const b = v.briefing;
  return h(
    'section',
    { class: 'card', 'aria-label': 'briefing' },
    h('h2', {}, `Your briefing: ${v.name}`),
    h('p', {}, b.public),
    h('h3', {}, 'Confidential: for your team only'),
    h('ul', { class: 'confidential' }, b.confidential.map((c) => h('li', {}, c.text, h('div', { class: 'source' }, c.source)))),
    h('h3', {}, 'Your objectives'),
    h('ul', {}, b.objectives.map((o) => h('li', {}, o))),
    h('p', { class: 'muted' }, `How you are scored: ${b.scoring}`),
  );
}

function othersCard(v) {
  return h(
    'section',
    { class: 'card', 'aria-label': 'the other countries' },
    h('h2', {}, 'The other countries'),
    v.roles
      .filter((r) => r.role !== v.role)
      .map((r) =>
        h('div', {}, h('strong', {}, r.name), r.played === null ? '' : r.played ? ' (a team)' : r.seatedFrom ? ` (the AI; a team from turn ${r.seatedFrom})` : ' (the AI)', h('p', {}, r.public)),
      ),
  );
}

function renderTeam(v) {
  title.textContent = v.exercise.title;
  document.title = `${v.name} — Parley class`;
  const names = Object.fromEntries(v.roles.map((r) => [r.role, r.name]));
  app.replaceChildren(
    statusBar(v, v.name),
    h(
      'div',
      { class: 'grid' },
      h('div', {}, decisionCard(v), stateCard(v), historyCard(v.history)),
      h('div', {}, messagesCard(v, v.role, names), briefingCard(v), othersCard(v)),
    ),
  );
}

// ---- the instructor's console ----

function renderConsole(v) {
  title.textContent = v.exercise.title;
  document.title = 'Console — Parley class';
  const names = Object.fromEntries(v.roles.map((r) => [r.role, r.name]));
  const btn = (label, msg, opts = {}) => h('button', { class: opts.secondary ? 'secondary' : '', disabled: opts.disabled, onclick: () => send(msg) }, label);
  const st = v.status;
  const seconds = h('input', { type: 'number', min: 10, max: 3600, step: 10, value: v.turnSeconds ?? 120, 'aria-label': 'seconds per round', size: 5 });
  const controls = h(
    'section',
    { class: 'card', 'aria-label': 'controls' },
    h('h2', {}, 'Run the room'),
    h(
      'div',
      { class: 'actions' },
      btn('Start the game', { type: 'start' }, { disabled: st !== 'lobby' }),
      btn('Pause', { type: 'pause' }, { disabled: st !== 'running', secondary: true }),
      btn('Resume', { type: 'resume' }, { disabled: st !== 'paused', secondary: true }),
      btn('Close this round now', { type: 'close-round' }, { disabled: st !== 'running', secondary: true }),
      btn('Extend by a turn', { type: 'extend', turns: 1 }, { disabled: st === 'lobby' || (st === 'ended' && !v.finished), secondary: true }),
      btn('End the game', { type: 'end' }, { disabled: st === 'ended', secondary: true }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('label', {}, 'Clock: ', seconds, ' s per round of decisions '),
      h('button', { class: 'secondary', onclick: () => send({ type: 'clock', seconds: Number(seconds.value) }) }, 'Set'),
      btn('No clock', { type: 'clock', seconds: null }, { secondary: true }),
    ),
    h(
      'p',
      {},
      st === 'lobby' ? 'Seats with a team connected when you start are played by their team; the AI plays the rest. ' : '',
      'When the clock runs out, a team still deciding holds still, puts no terms on the table, or says no.',
    ),
    h(
      'div',
      { class: 'actions' },
      h('a', { href: `/debrief?code=${encodeURIComponent(state.code)}`, target: '_blank', rel: 'noopener' }, 'Open the debrief (the game so far)'),
      h('a', { href: `/transcript.json?code=${encodeURIComponent(state.code)}`, target: '_blank', rel: 'noopener' }, 'Transcript (JSON)'),
    ),
  );
  const seats = h(
    'section',
    { class: 'card', 'aria-label': 'seats' },
    h('h2', {}, 'Seats'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Country'), h('th', {}, 'Code'), h('th', {}, 'Pages'), h('th', {}, 'Deciding'), h('th', {}, 'Hints'))),
      h(
        'tbody',
        {},
        v.seats.map((s) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              s.name,
              (() => {
                const r = v.roles.find((x) => x.role === s.role);
                if (r.seatedFrom !== null && !r.played) return ` (AI; its team from turn ${r.seatedFrom})`;
                if (r.played !== false) return '';
                return [
                  ' (AI) ',
                  v.status === 'running' || v.status === 'paused'
                    ? h('button', { class: 'secondary', onclick: () => send({ type: 'seat', role: s.role }) }, 'Seat its team')
                    : null,
                ];
              })(),
            ),
            h('td', {}, h('code', {}, s.code)),
            h('td', {}, String(s.connected)),
            h('td', {}, s.pending ?? '—'),
            h('td', {}, h('label', {}, h('input', { type: 'checkbox', checked: s.hints, onchange: (e) => send({ type: 'hints', role: s.role, on: e.target.checked }) }), ' on')),
          ),
        ),
      ),
      ),
    ),
  );
  const injects = h(
    'section',
    { class: 'card', 'aria-label': 'injects' },
    h('h2', {}, 'Injects'),
    v.injects.map((i) =>
      h(
        'div',
        { class: 'option' },
        h('span', {}, i.label, i.scheduled ? h('span', { class: 'muted' }, ` (scheduled for turn ${i.scheduled})`) : null, i.fired.length ? h('span', { class: 'muted' }, ` — fired for turn ${i.fired.join(', ')}`) : null),
        h('button', { class: 'secondary', disabled: st === 'ended', onclick: () => send({ type: 'inject', id: i.id }) }, 'Fire'),
      ),
    ),
  );
  const decisions = h(
    'section',
    { class: 'card', 'aria-label': 'decisions' },
    h('h2', {}, `Decisions (${v.decisions.length})`),
    h('ol', { class: 'history' }, v.decisions.map((d) => h('li', {}, `turn ${d.turn}: ${d.text}`))),
  );
  app.replaceChildren(
    statusBar(v, 'Instructor'),
    h('div', { class: 'grid' }, h('div', {}, controls, seats, stateCard(v), historyCard(v.history)), h('div', {}, injects, messagesCard(v, 'instructor', names), decisions)),
  );
}

function render() {
  const v = state.view;
  if (!v) return;
  // Keep the message being typed (and its focus) across a redraw.
  const typing = document.activeElement?.tagName === 'TEXTAREA';
  if (v.as === 'team') renderTeam(v);
  else renderConsole(v);
  if (typing) document.querySelector('textarea')?.focus();
}

setInterval(() => {
  const c = document.getElementById('clock');
  if (c && state.view) c.textContent = `⏱ ${clockText(state.view) ?? ''}`;
}, 1000);

const fromHash = decodeURIComponent(location.hash.slice(1)).trim().toUpperCase();
if (fromHash) history.replaceState(null, '', location.pathname);
state.code = fromHash || sessionStorage.getItem('parley-code');
if (state.code) connect();
else showJoin();
