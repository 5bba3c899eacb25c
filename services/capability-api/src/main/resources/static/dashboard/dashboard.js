'use strict';
// The planner's dashboard: figures from capability-api's queries, kept current by its live
// stream of capability changes. No framework; DOM built with textContent only.
(function () {
  const CHANNELS = ['BUILD', 'BUY', 'BORROW', 'REDEPLOY'];
  const CHANNEL_NAMES = { BUILD: 'Build (trained)', BUY: 'Buy (hired)', BORROW: 'Borrow', REDEPLOY: 'Redeploy' };
  const COLORS = { BUILD: '#3b82c4', BUY: '#7a5bc7', BORROW: '#e08a2e', REDEPLOY: '#2fa37a' };
  const TOKEN_KEY = 'captrack.token';
  const state = { asOf: null, area: 'all', selected: null, capabilities: [], areas: [], charts: {} };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) { return; }
      if (k === 'class') {
        node.className = v;
      } else if (k === 'style') {
        node.style.cssText = v; // CSSOM: allowed under a CSP without 'unsafe-inline'
      } else if (k.startsWith('data-') || k === 'title' || k === 'datetime' || k === 'role' || k === 'type') {
        node.setAttribute(k, v);
      } else {
        node[k] = v;
      }
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function fte(value) {
    const n = Number(value || 0);
    return n.toFixed(2).replace(/\.?0+$/, '') || '0';
  }

  function takeToken() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function signIn(reason) {
    $('board').hidden = true;
    $('sign-in').hidden = false;
    if (reason) { $('sign-in-reason').textContent = reason; }
    if (state.stream) { state.stream.pause(); }
    setLive('offline');
  }

  async function api(path) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(path, {
      headers: token ? { Authorization: 'Bearer ' + token, Accept: 'application/json' } : { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401) {
      signIn('The token was refused (missing, expired or not signed by the issuer): paste a new one.');
      throw new Error('unauthorized');
    }
    if (response.status === 403) {
      signIn('This token lacks the viewer role.');
      throw new Error('forbidden');
    }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* no problem body */ }
      throw new Error(path + ': ' + detail);
    }
    return response.json();
  }

  function asOfQuery(prefix) {
    return state.asOf ? prefix + 'asOf=' + state.asOf : '';
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function month(day, back) {
    const d = new Date(day + 'T00:00:00Z');
    d.setUTCMonth(d.getUTCMonth() - back, 1);
    return d.toISOString().slice(0, 7);
  }

  function chart(id) {
    if (!state.charts[id]) {
      const node = $(id);
      const c = echarts.init(node, null, { renderer: 'canvas' });
      c.on('finished', () => { node.dataset.rendered = 'true'; });
      state.charts[id] = c;
    }
    return state.charts[id];
  }

  async function load() {
    const [capabilities, areas, expiring] = await Promise.all([
      api('/capabilities' + asOfQuery('?')),
      api('/areas' + asOfQuery('?')),
      api('/expiries?within=90' + asOfQuery('&')),
    ]);
    state.capabilities = capabilities;
    state.areas = areas;
    if (!state.selected || !capabilities.some((c) => c.capabilityId === state.selected)) {
      const gaps = capabilities.slice().sort((a, b) => b.gap.headcount - a.gap.headcount);
      state.selected = gaps.length ? gaps[0].capabilityId : null;
    }
    renderKpis(capabilities, expiring);
    renderAreas();
    renderCoverage();
    renderDependency();
    renderExpiries(expiring);
    renderSelect();
    await loadSeries();
    document.body.dataset.loadedAt = String(Date.now());
  }

  function renderKpis(capabilities, expiring) {
    const atTarget = capabilities.filter((c) => c.gap.headcount === 0 && Number(c.gap.fte) === 0).length;
    $('board').querySelector('[data-testid="kpi-at-target"]').textContent = atTarget + ' / ' + capabilities.length;
    $('board').querySelector('[data-testid="kpi-headcount-gap"]').textContent =
      String(capabilities.reduce((s, c) => s + c.gap.headcount, 0));
    $('board').querySelector('[data-testid="kpi-partner-fte"]').textContent =
      fte(capabilities.reduce((s, c) => s + Number(c.partnerFte), 0));
    $('board').querySelector('[data-testid="kpi-expiring-30"]').textContent =
      String((expiring.buckets['7'] || 0) + (expiring.buckets['30'] || 0));
  }

  function renderAreas() {
    const chips = $('areas');
    chips.replaceChildren();
    [{ areaId: 'all', name: 'All areas' }].concat(state.areas).forEach((a) => {
      const b = el('button', { type: 'button', role: 'tab', 'data-area': a.areaId }, a.name);
      b.setAttribute('aria-selected', String(state.area === a.areaId));
      b.addEventListener('click', () => { state.area = a.areaId; renderAreas(); renderCoverage(); });
      chips.append(b);
    });
  }

  // holders at or above the target's level: the people the gap counts
  function atTargetLevel(c) {
    return Object.entries(c.holdersByLevel || {})
      .filter(([level]) => Number(level) >= c.target.level)
      .reduce((sum, [, n]) => sum + n, 0);
  }

  function visible() {
    return state.capabilities.filter((c) => state.area === 'all' || c.area === state.area);
  }

  function areaName(areaId) {
    const a = state.areas.find((x) => x.areaId === areaId);
    return a ? a.name : areaId;
  }

  function renderCoverage() {
    const rows = visible();
    const names = rows.map((c) => c.name);
    chart('coverage-chart').setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'people', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      series: CHANNELS.map((ch) => ({
        name: CHANNEL_NAMES[ch], type: 'bar', stack: 'holders', color: COLORS[ch], barMaxWidth: 18,
        data: rows.map((c) => c.holdersByChannel[ch] || 0),
      })).concat([{
        name: 'At target level', type: 'scatter', symbol: 'diamond', symbolSize: 9, color: '#1d2733',
        data: rows.map((c) => atTargetLevel(c)),
      }, {
        name: 'Target', type: 'scatter', symbol: 'rect', symbolSize: [4, 20], color: '#c23b3b',
        data: rows.map((c) => c.target.headcount),
      }]),
    }, true);
    const body = $('coverage-table').querySelector('tbody');
    body.replaceChildren(...rows.map((c) => {
      const met = c.gap.headcount === 0;
      const ttc = Object.entries(c.timeToCapability || {})
        .map(([ch, t]) => ch.toLowerCase() + ' ' + t.medianDays + ' d').join(', ');
      const row = el('tr', { 'data-capability': c.capabilityId, class: c.capabilityId === state.selected ? 'selected' : '' },
        el('td', {}, c.name, el('span', { class: 'area-name' }, areaName(c.area))),
        el('td', { class: 'num', 'data-field': 'holders', title: atTargetLevel(c) + ' at level ' + c.target.level + ' or above' }, c.holders),
        el('td', { class: 'num', 'data-field': 'target' }, c.target.headcount + ' @ L' + c.target.level),
        el('td', { class: 'num ' + (met ? 'met' : 'short'), 'data-field': 'gap' }, met ? '✓' : '−' + c.gap.headcount),
        el('td', { class: 'num', 'data-field': 'partnerFte' }, fte(c.partnerFte)),
        el('td', {}, c.pipeline.requisitions + ' req · ' + c.pipeline.enrolments + ' enrol · ' + c.pipeline.partnersOnboarding + ' partner'),
        el('td', {}, ttc || '–'));
      row.addEventListener('click', () => select(c.capabilityId));
      return row;
    }));
  }

  function renderDependency() {
    const lent = state.capabilities.filter((c) => Number(c.partnerFte) > 0)
      .sort((a, b) => b.dependency.hhi - a.dependency.hhi);
    const body = $('dependency-table').querySelector('tbody');
    if (!lent.length) {
      body.replaceChildren(el('tr', {}, el('td', { colSpan: 4, class: 'hint' }, 'No partner capacity on this day.')));
      return;
    }
    body.replaceChildren(...lent.map((c) => el('tr', { 'data-capability': c.capabilityId },
      el('td', {}, c.name, c.dependency.singleSource ? el('span', { class: 'flag', title: 'one partner provides all of it' }, 'single source') : ''),
      el('td', { class: 'num', 'data-field': 'partnerFte' }, fte(c.partnerFte)),
      el('td', { class: 'num' }, Object.keys(c.dependency.shares).length),
      el('td', { 'data-field': 'hhi' }, el('span', { class: 'hhi', style: 'width:' + Math.round(c.dependency.hhi / 100) + 'px' }), c.dependency.hhi.toLocaleString('en')))));
  }

  function renderExpiries(expiring) {
    const windows = ['7', '30', '60', '90'];
    chart('expiry-chart').setOption({
      animationDuration: 300,
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: windows.map((w) => '≤ ' + w + ' days') },
      yAxis: { type: 'value', minInterval: 1 },
      tooltip: {},
      series: [{ type: 'bar', color: '#c77700', barMaxWidth: 40, data: windows.map((w) => expiring.buckets[w] || 0) }],
    }, true);
    const items = expiring.items.slice(0, 8);
    $('expiry-list').replaceChildren(...(items.length ? items.map((i) => el('li', { 'data-kind': i.kind },
      el('span', {}, i.kind + ' · ' + i.capabilityIds.join(', ')),
      el('span', { class: i.daysLeft <= 7 ? 'short' : '' }, i.lastDay + ' (' + i.daysLeft + ' d)'))) : [el('li', { class: 'hint' }, 'Nothing expires within 90 days.')]));
  }

  function renderSelect() {
    const select = $('capability');
    select.replaceChildren(...state.capabilities.map((c) => el('option', { value: c.capabilityId }, c.name)));
    select.value = state.selected || '';
  }

  function select(capabilityId) {
    state.selected = capabilityId;
    $('capability').value = capabilityId;
    document.querySelectorAll('#coverage-table tbody tr').forEach((r) => r.classList.toggle('selected', r.dataset.capability === capabilityId));
    loadSeries();
  }

  async function loadSeries() {
    if (!state.selected) { return; }
    const to = month(state.asOf || today(), 0);
    const from = month(state.asOf || today(), 23);
    const series = await api('/capabilities/' + encodeURIComponent(state.selected) + '/series?from=' + from + '&to=' + to);
    chart('series-chart').setOption({
      animationDuration: 300,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: series.map((m) => m.asOf.slice(0, 7)) },
      yAxis: { type: 'value', name: 'people', minInterval: 1 },
      series: CHANNELS.map((ch) => ({
        name: CHANNEL_NAMES[ch], type: 'line', stack: 'holders', areaStyle: {}, symbol: 'none', color: COLORS[ch],
        data: series.map((m) => m.holdersByChannel[ch] || 0),
      })).concat([{
        name: 'Target', type: 'line', step: 'end', symbol: 'none', color: '#c23b3b', lineStyle: { type: 'dashed' },
        data: series.map((m) => m.target.headcount),
      }, {
        name: 'Partner FTE', type: 'line', symbol: 'none', color: '#e08a2e', lineStyle: { type: 'dotted' },
        data: series.map((m) => Number(m.partnerFte)),
      }]),
    }, true);
    renderFocus(state.capabilities.find((c) => c.capabilityId === state.selected));
  }

  function renderFocus(c) {
    if (!c) { return; }
    const rows = [
      ['Holders', c.holders], ['Target', c.target.headcount + ' people at level ' + c.target.level + ', ' + fte(c.target.fte) + ' FTE'],
      ['Gap', c.gap.headcount + ' people, ' + fte(c.gap.fte) + ' FTE'],
      ['Open requisitions', c.pipeline.requisitions], ['Enrolments in progress', c.pipeline.enrolments],
      ['Partners onboarding', c.pipeline.partnersOnboarding], ['Partner FTE', fte(c.partnerFte)],
    ];
    Object.entries(c.timeToCapability || {}).forEach(([ch, t]) => rows.push(['Time to capability, ' + ch.toLowerCase(), t.medianDays + ' d median, ' + t.p90Days + ' d p90 (' + t.count + ')']));
    $('focus').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function setLive(mode) {
    const pill = $('live');
    pill.className = 'pill ' + (mode === 'live' ? 'live' : mode === 'reconnecting' ? 'reconnecting' : 'offline');
    pill.textContent = mode === 'live' ? 'live' : mode === 'reconnecting' ? 'reconnecting…' : mode;
    document.body.dataset.stream = mode;
  }

  let refreshTimer = null;
  let seen = 0;
  function onChange(event) {
    if (event.name && event.name.endsWith('.reset')) {
      // too far behind to replay what was missed: the figures are read again instead
      load().catch(report);
      return;
    }
    let change;
    try { change = JSON.parse(event.data); } catch (e) { return; }
    if (!change.capabilityId) { return; }
    seen += 1;
    const c = state.capabilities.find((x) => x.capabilityId === change.capabilityId);
    const dh = change.after.holders - change.before.holders;
    const df = Number(change.after.partnerFte) - Number(change.before.partnerFte);
    const parts = [];
    if (dh) { parts.push((dh > 0 ? '+' : '') + dh + ' holder' + (Math.abs(dh) === 1 ? '' : 's')); }
    if (df) { parts.push((df > 0 ? '+' : '') + fte(df) + ' FTE'); }
    const cause = (change.causes && change.causes[0]) || change.cause || {};
    const kind = (cause.eventType || '').replace(/^captrack\./, '').replace(/\.v\d+$/, '');
    const item = el('li', { class: 'fresh', 'data-event-id': event.id || '', 'data-capability': change.capabilityId },
      el('time', {}, new Date().toLocaleTimeString()),
      el('span', {}, (c ? c.name : change.capabilityId) + ': ' + (parts.join(', ') || 'figures restated')),
      el('span', { class: 'delta ' + (dh + df >= 0 ? 'up' : 'down') }, kind + (change.causeCount > 1 ? ' +' + (change.causeCount - 1) : '')));
    const feed = $('feed');
    feed.prepend(item);
    while (feed.children.length > 50) { feed.lastElementChild.remove(); }
    $('feed-count').textContent = seen + ' change' + (seen === 1 ? '' : 's') + ' since opened';
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => load().catch(report), 300);
  }

  function report(e) {
    if (e && (e.message === 'unauthorized' || e.message === 'forbidden')) { return; }
    console.warn('captrack:', e);
  }

  function startStream() {
    if (state.stream) { state.stream.pause(); }
    state.stream = new ChangeStream('/capabilities/changes', {
      token: sessionStorage.getItem(TOKEN_KEY),
      onEvent: onChange,
      onState: (mode, detail) => {
        if (mode === 'unauthorized') { signIn('The live stream refused the token (' + detail + ').'); return; }
        setLive(mode);
        // what happened while cut comes again through Last-Event-ID; reload once anyway
        if (mode === 'live' && state.wasCut) { load().catch(report); }
        state.wasCut = mode !== 'live';
      },
    });
    state.stream.start();
  }

  async function open() {
    $('sign-in').hidden = true;
    $('board').hidden = false;
    try {
      await load();
      startStream();
    } catch (e) {
      report(e);
    }
  }

  function init() {
    const picker = $('as-of');
    picker.value = today();
    picker.addEventListener('change', () => { state.asOf = picker.value && picker.value !== today() ? picker.value : null; load().catch(report); });
    $('today').addEventListener('click', () => { picker.value = today(); state.asOf = null; load().catch(report); });
    $('capability').addEventListener('change', (e) => select(e.target.value));
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = $('token').value.trim().replace(/^Bearer\s+/i, '');
      if (value) { sessionStorage.setItem(TOKEN_KEY, value); $('token').value = ''; open(); }
    });
    window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
    window.captrack = { state: state, reload: () => load(), pause: () => state.stream && state.stream.pause(), resume: () => state.stream && state.stream.start() };
    if (takeToken()) { open(); } else { signIn(); }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
