'use strict';
// Server-Sent Events over fetch, so that the request can carry a bearer token (EventSource
// cannot). Resumes with Last-Event-ID after any cut, backs off between attempts, and treats a
// connection silent for longer than three heartbeats as cut.
(function () {
  const SILENCE_MS = 45000;

  function ChangeStream(url, options) {
    this.url = url;
    this.token = options.token;
    this.onEvent = options.onEvent;
    this.onState = options.onState || function () {};
    this.lastEventId = options.lastEventId || null;
    this.backoff = 1000;
    this.paused = false;
    this.controller = null;
    this.watchdog = null;
  }

  ChangeStream.prototype.start = function () {
    this.paused = false;
    this.connect();
  };

  // Cuts the connection and does not reconnect until start() (tests, and tabs put away).
  ChangeStream.prototype.pause = function () {
    this.paused = true;
    this.cut();
    this.onState('paused');
  };

  ChangeStream.prototype.cut = function () {
    clearTimeout(this.watchdog);
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
    }
  };

  ChangeStream.prototype.heard = function () {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.reconnect('silent'), SILENCE_MS);
  };

  ChangeStream.prototype.reconnect = function (why) {
    this.cut();
    if (this.paused) {
      return;
    }
    this.onState('reconnecting', why);
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, 15000);
    setTimeout(() => { if (!this.paused && !this.controller) { this.connect(); } }, wait);
  };

  ChangeStream.prototype.connect = async function () {
    const controller = new AbortController();
    this.controller = controller;
    const headers = { Accept: 'text/event-stream' };
    if (this.token) { headers.Authorization = 'Bearer ' + this.token; }
    if (this.lastEventId) { headers['Last-Event-ID'] = this.lastEventId; }
    let response;
    try {
      response = await fetch(this.url, { headers: headers, signal: controller.signal, cache: 'no-store' });
    } catch (e) {
      if (this.controller === controller) { this.reconnect('network'); }
      return;
    }
    if (response.status === 401 || response.status === 403) {
      this.controller = null;
      this.onState('unauthorized', response.status);
      return;
    }
    if (!response.ok || !response.body) {
      if (this.controller === controller) { this.reconnect('status ' + response.status); }
      return;
    }
    this.backoff = 1000;
    this.onState('live');
    this.heard();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { id: null, name: 'message', data: [] };
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) { break; }
        this.heard();
        buffer += chunk.value;
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (event.id !== null) { this.lastEventId = event.id; }
            if (event.data.length > 0) {
              this.onEvent({ id: event.id, name: event.name, data: event.data.join('\n') });
            }
            event = { id: null, name: 'message', data: [] };
            continue;
          }
          if (line.startsWith(':')) { continue; }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) { value = value.slice(1); }
          if (field === 'id') { event.id = value; }
          else if (field === 'event') { event.name = value; }
          else if (field === 'data') { event.data.push(value); }
        }
      }
    } catch (e) {
      // aborted or the connection broke: both end in a reconnect unless paused
    }
    if (this.controller === controller) { this.reconnect('closed'); }
  };

  window.ChangeStream = ChangeStream;
})();
