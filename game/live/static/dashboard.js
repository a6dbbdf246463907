// The facilitator's dashboard (docs/LIVE-PROTOCOL.md). Plain script, no framework, nothing
// from the network. Every text from the host (team names, messages, key moments) goes in
// with textContent, never as HTML. The token comes from the link's fragment (#token=...,
// never sent to the server) or the form, is kept in sessionStorage, and travels only in an
// Authorization header or the socket's first message.
"use strict";

(function () {
  var KEY = "odd-duck-facilitator-token";
  var POLL_MS = 2000; // GET /api/teams while the socket is down
  var RETRY_MS = 5000; // a new socket after this
  var MOODS = ["furious", "unhappy", "neutral", "content", "delighted"];
  var TAGS = {
    rejection: "rejected", escalation: "escalation", forced: "forced", event: "event",
    complaint: "complaint", acceptance: "signed off", syndrome: "90% syndrome", end: "end",
    rework: "rework",
  };
  // As game/facilitator/teams.py colours the debrief's teams: a team named after a colour
  // gets it (first come), the others the free colours in order (game/look/palette.py).
  var COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2"];
  var COLOUR_WORDS = {
    orange: 0, amber: 0, blue: 1, sky: 1, cyan: 1, turquoise: 1, green: 2, lime: 2,
    yellow: 3, gold: 3, purple: 4, pink: 4, violet: 4, magenta: 4, red: 5, vermillion: 5,
    navy: 6,
  };

  var token = "";
  var workshop = null;
  var snapshot = null;
  var received = 0; // performance.now() when the snapshot came
  var socket = null;
  var pollTimer = null;
  var retryTimer = null;
  var debriefShown = false;
  // Teams whose last key moment the facilitator opened whole (the table is redrawn on
  // every update: the choice outlives it).
  var momentsOpen = Object.create(null);

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // --- the token ----------------------------------------------------------------------

  function takeToken() {
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (match) {
      sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
      // Out of the address bar: the dashboard is on a projector.
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    return sessionStorage.getItem(KEY) || "";
  }

  function gate(wrong) {
    closeSocket();
    $("main").hidden = true;
    $("gate").hidden = false;
    $("gate-title").textContent = wrong ? "Wrong facilitator token" : "Facilitator token needed";
    $("gate-text").textContent = wrong
      ? "The host does not know this token. Open the dashboard link that run_game.py host " +
        "printed (it is also in workshop.json), or type the token again."
      : "Open the dashboard link that run_game.py host printed, or type the facilitator's " +
        "token from workshop.json here.";
    setLink(wrong ? "token wrong" : "token needed", "down");
    $("gate-token").focus();
  }

  // --- talking to the host ------------------------------------------------------------

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: "Bearer " + token }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.status === 401) {
          sessionStorage.removeItem(KEY);
          gate(true);
        }
        if (!response.ok) {
          var message = data && data.error ? data.error.message : "the host answered " + response.status;
          var error = new Error(message);
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function setLink(text, kind) {
    var link = $("link");
    link.textContent = text;
    link.className = "link " + kind;
    // Without the host, what the table last heard of the teams is not news: it says so
    // (a playtest saw "● connected" under "host unreachable").
    if (kind === "down") {
      document.querySelectorAll("#rows .seen").forEach(function (seen) {
        seen.textContent = "? not known: host unreachable";
        seen.className = "small seen off";
      });
    }
  }

  function connect() {
    closeSocket();
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var ws;
    try {
      ws = new WebSocket(scheme + window.location.host + "/api/live");
    } catch (e) {
      startPolling();
      return;
    }
    socket = ws;
    ws.onopen = function () { ws.send(JSON.stringify({ token: token })); };
    ws.onmessage = function (message) {
      stopPolling();
      try { show(JSON.parse(message.data)); } catch (e) { /* a broken push: the next one */ }
      // Connected either way; once the round has ended nothing on the page is live any
      // more (a playtest read "● live" over the finished round).
      setLink(snapshot && snapshot.ended ? "● connected · round ended" : "● live", "live");
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      socket = null;
      if (event.code === 4401) { gate(true); return; }
      startPolling();
      retryTimer = setTimeout(connect, RETRY_MS);
    };
  }

  function closeSocket() {
    clearTimeout(retryTimer);
    stopPolling();
    if (socket) { var ws = socket; socket = null; ws.close(); }
  }

  function startPolling() {
    if (pollTimer) return;
    setLink("live link lost: polling", "polling");
    var poll = function () {
      api("GET", "/api/teams").then(function (data) {
        if (pollTimer) setLink("live link lost: polling", "polling");
        show(data);
      }).catch(function (error) {
        if (error.status !== 401) setLink("host unreachable", "down");
      });
    };
    pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  // --- drawing ------------------------------------------------------------------------

  function start() {
    api("GET", "/api/workshop").then(function (info) {
      workshop = info;
      $("gate").hidden = true;
      $("main").hidden = false;
      var timer = info.turn_timer ? Math.round(info.turn_timer) + " s a week" : "no turn timer";
      $("scenario").textContent = info.scenario.title + " · " + info.deadline + " weeks · seed " +
        info.seed + " · " + timer;
      $("join").hidden = false;
      $("join-url").textContent = window.location.origin;
      $("join-code").textContent = info.code;
      var events = $("event");
      events.textContent = "";
      info.events.forEach(function (e) {
        var option = el("option", "", e.title);
        option.value = e.id;
        events.appendChild(option);
      });
      $("fire").disabled = info.events.length === 0;
      ["timer-start", "timer-pause", "timer-add"].forEach(function (id) {
        $(id).disabled = !info.turn_timer;
      });
      connect();
    }).catch(function (error) {
      if (error.status !== 401) {
        setLink("host unreachable", "down");
        setTimeout(start, RETRY_MS);
      }
    });
  }

  function show(data) {
    snapshot = data;
    received = performance.now();
    var rows = $("rows");
    // How far behind is measured against the teams still planning: a team that finished
    // late had made "2 / 13 · 14 weeks behind" of a 13-week round (playtest 11).
    var planning = data.teams.filter(function (t) { return !t.finished; });
    var pace = { lead: 0, behind: false, finished: planning.length < data.teams.length };
    planning.forEach(function (t) { pace.lead = Math.max(pace.lead, shownWeek(t, data.ended)); });
    pace.behind = planning.some(function (t) { return shownWeek(t, data.ended) < pace.lead; });
    var colours = teamColours(data.teams.map(function (t) { return t.team; }));
    rows.textContent = "";
    data.teams.forEach(function (t, k) {
      rows.appendChild(row(t, colours[k], pace, data.ended));
    });
    $("empty").hidden = data.teams.length > 0;
    updateTargets(data.teams);
    var over = data.ended || (data.teams.length > 0 && data.teams.every(function (t) { return t.finished; }));
    $("show-debrief").disabled = !over;
    $("over").hidden = !over || debriefShown;
    $("end").disabled = data.ended;
    if (data.ended) {
      $("end").textContent = "Round ended";
      // Nothing steers an ended round any more: its controls say so (a playtest found
      // Timer, Fire and Send still enabled, doing nothing).
      STEERING.forEach(function (id) {
        $(id).disabled = true;
        $(id).title = "The round has ended";
      });
    }
    tick();
  }

  // A team's week as the game counts it: while planning, the week being planned ("Week 4
  // of 13" in the game when the host has 3 weeks); once finished or ended, the weeks played.
  function shownWeek(t, ended) {
    return t.finished || ended ? t.week : t.week + 1;
  }

  var STEERING = ["target", "timer-start", "timer-pause", "timer-add", "event", "fire", "message", "send"];

  function row(t, colour, pace, ended) {
    var tr = el("tr");
    tr.dataset.team = t.team;
    tr.style.setProperty("--team", colour);

    var who = el("td");
    who.appendChild(el("span", "name", t.team));
    // A team that has finished (or a round that has ended) has nothing left to send: its
    // silence is no alarm (a playtest read the finished bots' orange "last seen" as a crash).
    var quiet = !t.connected && (t.finished || ended);
    var seen = t.connected ? "● connected" : (quiet ? "done · last seen " : "○ last seen ") + ago(t.last_seen);
    who.appendChild(el("span", "small seen " + (t.connected ? "on" : quiet ? "done" : "off"), seen));
    tr.appendChild(who);

    var week = el("td");
    // As the game counts (shownWeek). Past the deadline: "14 · 1 week late".
    var deadline = workshop ? workshop.deadline : 0;
    var number = shownWeek(t, ended);
    var late = deadline ? number - deadline : 0;
    var shown = late > 0 ? number + " · " + late + (late > 1 ? " weeks" : " week") + " late"
      : number + " / " + (deadline || "?");
    week.appendChild(el("span", "", shown));
    // Every team plans at its own pace (nobody waits for another): the words say how far
    // it is from the leading team still planning, in the same weeks as the numbers shown
    // (a playtest read "2 / 13 · 15 weeks behind" beside a finished team's "16"); at the
    // front with others finished, how many weeks it has left before the deadline.
    var gap = pace.lead - number;
    var left = deadline ? deadline - number + 1 : 0;
    var status;
    if (t.finished) status = ["finished ✓", "finished"];
    else if (ended) status = ["round ended", "waiting"];
    else if (gap > 0) status = ["planning · " + gap + (gap > 1 ? " weeks" : " week") + " behind", "behind"];
    else if (pace.finished && left > 0) status = ["planning · " + left + (left > 1 ? " weeks" : " week") + " left", "waiting"];
    else if (pace.behind) status = ["planning · in the lead", "waiting"];
    else status = ["planning", "waiting"];
    week.appendChild(el("span", "status " + status[1], status[0]));
    if (t.pending_events) {
      week.appendChild(el("span", "badge", t.pending_events + " event" + (t.pending_events > 1 ? "s" : "") + " to come"));
    }
    tr.appendChild(week);

    var progress = el("td");
    // Rounded down, as the game's top bar shows it (observe.shown_progress).
    var pct = Math.floor(100 * Math.max(0, Math.min(1, t.reported_progress)) + 1e-9);
    progress.appendChild(el("span", "", pct + " %"));
    var bar = el("div", "bar");
    var fill = el("span");
    fill.style.width = pct + "%";
    bar.appendChild(fill);
    progress.appendChild(bar);
    tr.appendChild(progress);

    // One line: the worst mood (a word, not colour alone), the whole mix as a bar below.
    var moods = el("td");
    var total = 0;
    var worst = null;
    var all = [];
    MOODS.forEach(function (name) {
      var n = t.mood_summary[name] || 0;
      total += n;
      if (n && worst === null) worst = name;
      if (n) all.push(n + " " + name);
    });
    var line = el("span", "moods" + (worst ? " mood-" + worst : ""),
      worst ? t.mood_summary[worst] + " " + worst : "–");
    moods.title = all.join(", ");
    moods.appendChild(line);
    var mix = el("div", "mix");
    mix.setAttribute("aria-label", all.join(", "));
    MOODS.forEach(function (name) {
      var n = t.mood_summary[name] || 0;
      if (!n || !total) return;
      var part = el("span", "m-" + name);
      part.style.width = (100 * n / total) + "%";
      mix.appendChild(part);
    });
    moods.appendChild(mix);
    tr.appendChild(moods);

    var moment = el("td");
    if (t.last_moment) {
      // Two lines, a click (or Enter) reads it whole: on a projector there is no hovering
      // over a title, and a bot's moment was cut (a playtest).
      var open = momentsOpen[t.team] === true;
      var text = el("span", "moment" + (open ? " whole" : ""));
      text.appendChild(el("span", "tag", "wk " + t.last_moment.week + " · " +
        (TAGS[t.last_moment.kind] || t.last_moment.kind) + ": "));
      text.appendChild(document.createTextNode(t.last_moment.text));
      text.title = open ? "Click to fold it" : "Click to read it whole";
      text.tabIndex = 0;
      text.setAttribute("role", "button");
      text.setAttribute("aria-expanded", open ? "true" : "false");
      var toggle = (function (team, node) {
        return function () {
          momentsOpen[team] = !momentsOpen[team];
          node.classList.toggle("whole", momentsOpen[team]);
          node.setAttribute("aria-expanded", momentsOpen[team] ? "true" : "false");
          node.title = momentsOpen[team] ? "Click to fold it" : "Click to read it whole";
        };
      })(t.team, text);
      text.addEventListener("click", toggle);
      text.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
      });
      moment.appendChild(text);
    } else {
      moment.appendChild(el("span", "small", "nothing yet"));
    }
    tr.appendChild(moment);

    // A team that has finished (or a round that has ended) has no clock any more: the
    // host may still count its week down, but nothing waits for it (issue 10).
    var clock = el("td", "num");
    clock.appendChild(el("span", "clock", ""));
    var word = t.finished ? "finished" : ended ? "round ended" : timerWord(t.timer.state);
    clock.appendChild(el("span", "small", word));
    tr.appendChild(clock);
    return tr;
  }

  function teamColours(names) {
    var named = {};
    var taken = {};
    names.forEach(function (name, k) {
      var words = name.toLowerCase().match(/[a-z]+/g) || [];
      for (var i = 0; i < words.length; i++) {
        var c = COLOUR_WORDS[words[i]];
        if (c !== undefined && !taken[c]) { named[k] = c; taken[c] = true; break; }
      }
    });
    var free = [];
    for (var c = 0; c < COLOURS.length; c++) if (!taken[c]) free.push(c);
    var spare = 0;
    return names.map(function (name, k) {
      if (named[k] !== undefined) return COLOURS[named[k]];
      var pick = spare < free.length ? free[spare] : (k % COLOURS.length);
      spare += 1;
      return COLOURS[pick];
    });
  }

  // Whether a team's clock stands for good: it finished its round, or the round ended.
  function stands(t) {
    return t.finished || (snapshot !== null && snapshot.ended);
  }

  function timerWord(state) {
    return { off: "no timer", idle: "not started", running: "running", paused: "paused" }[state] || state;
  }

  function ago(when) {
    if (!when) return "never";
    var seconds = Math.max(0, Date.now() / 1000 - when);
    if (seconds < 90) return Math.round(seconds) + " s ago";
    return Math.round(seconds / 60) + " min ago";
  }

  // The timers count down between pushes; the host's number wins at each push.
  function tick() {
    if (!snapshot) return;
    var passed = (performance.now() - received) / 1000;
    var rows = $("rows").children;
    snapshot.teams.forEach(function (t, k) {
      var cell = rows[k] && rows[k].querySelector(".clock");
      if (!cell) return;
      var left = t.timer.seconds_left;
      if (stands(t) || left === null || left === undefined) {
        cell.textContent = "–";
        cell.classList.remove("low");
        return;
      }
      if (t.timer.state === "running") left = Math.max(0, left - passed);
      var s = Math.ceil(left);
      cell.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      cell.classList.toggle("low", t.timer.state === "running" && left <= 30);
    });
  }

  function updateTargets(teams) {
    var select = $("target");
    var have = Array.prototype.slice.call(select.options, 1).map(function (o) { return o.value; });
    var names = teams.map(function (t) { return t.team; });
    if (have.join("\n") === names.join("\n")) return;
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    names.forEach(function (name) {
      var option = el("option", "", name);
      option.value = name;
      select.appendChild(option);
    });
    select.value = names.indexOf(chosen) >= 0 ? chosen : "";
  }

  // --- steering -----------------------------------------------------------------------

  function target() { return $("target").value || null; }
  function whom() { return target() === null ? "every team" : target(); }

  function say(text, bad) {
    var feedback = $("feedback");
    feedback.textContent = text;
    feedback.className = "feedback" + (bad ? " bad" : "");
  }

  function failed(error) { if (error.status !== 401) say(error.message, true); }

  function timer(action) {
    var words = { start: "Timer started", pause: "Timer paused", add_minute: "One more minute" };
    api("POST", "/api/timer", { action: action, team: target() }).then(function () {
      say(words[action] + " for " + whom() + ".");
    }).catch(failed);
  }

  function fire() {
    var select = $("event");
    var title = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
    api("POST", "/api/events", { event: select.value, team: target() }).then(function (answer) {
      say(answer.teams.length
        ? "“" + title + "” sent to " + answer.teams.join(", ") + ": it happens with their next week."
        : "Nobody got “" + title + "”: those teams still hold it, or have finished.");
    }).catch(failed);
  }

  function send(event) {
    event.preventDefault();
    var input = $("message");
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    api("POST", "/api/messages", { text: text, team: target() }).then(function () {
      input.value = "";
      say("Message sent to " + whom() + ".");
    }).catch(failed);
  }

  function confirmEnd(open) {
    $("confirm").hidden = !open;
    $("end").hidden = open;
    (open ? $("end-no") : $("end")).focus();
  }

  function end() {
    api("POST", "/api/end", {}).then(function () {
      confirmEnd(false);
      say("The round is over. The teams' games stop at their next week.");
      showDebrief();
    }).catch(failed);
  }

  function view(debrief) {
    debriefShown = debrief;
    $("teams-view").hidden = debrief;
    $("debrief-view").hidden = !debrief;
    $("show-teams").setAttribute("aria-pressed", String(!debrief));
    $("show-debrief").setAttribute("aria-pressed", String(debrief));
    $("over").hidden = debrief || $("show-debrief").disabled;
  }

  function showDebrief() {
    view(true);
    var state = $("debrief-state");
    state.className = "feedback";
    state.textContent = "Building the debrief from the host's games… (a few seconds)";
    $("rebuild").disabled = true;
    api("POST", "/api/debrief", {}).then(function (answer) {
      state.textContent = "The debrief of " + answer.teams.length + " team" +
        (answer.teams.length === 1 ? "" : "s") + ", as the host replayed them.";
      $("debrief-frame").src = answer.url + "?v=" + answer.version;
      var open = $("debrief-open");
      open.href = answer.url;
      open.hidden = false;
      var slides = $("slides");
      slides.textContent = "Slides on the projector: ";
      slides.appendChild(el("code", "", answer.slides));
    }).catch(function (error) {
      state.className = "feedback bad";
      if (error.status !== 401) state.textContent = error.message;
    }).then(function () { $("rebuild").disabled = false; });
  }

  // --- start --------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", function () {
    $("gate-form").addEventListener("submit", function (event) {
      event.preventDefault();
      token = $("gate-token").value.trim();
      if (!token) return;
      sessionStorage.setItem(KEY, token);
      $("gate-token").value = "";
      start();
    });
    ["timer-start", "timer-pause", "timer-add"].forEach(function (id) {
      $(id).addEventListener("click", function () { timer($(id).dataset.action); });
    });
    $("fire").addEventListener("click", fire);
    $("controls").addEventListener("submit", send);
    $("end").addEventListener("click", function () { confirmEnd(true); });
    $("end-no").addEventListener("click", function () { confirmEnd(false); });
    $("end-yes").addEventListener("click", end);
    $("show-teams").addEventListener("click", function () { view(false); });
    $("show-debrief").addEventListener("click", showDebrief);
    $("rebuild").addEventListener("click", showDebrief);
    setInterval(tick, 1000);
    token = takeToken();
    if (!token) { gate(false); return; }
    start();
  });
})();
