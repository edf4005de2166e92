/* Deadline calculator: the dates an agent knows in, the deadlines out. Every number (days, working days, years) and
   the working-day calendar come from deadlines.json, written at build time from facts.yaml, the chinese-calendar
   package and holidays.yaml; nothing here knows a time limit. Used by the calculator page, compact embeds, and letters whose date
   fields it fills (the agent can still type over them). */
(function () {
  "use strict";
  var script = document.currentScript;
  var DATA_URL = new URL("deadlines.json", script ? script.src : location.href).href;

  function parse(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1 ? d : null;
  }

  function iso(d) { return d.toISOString().split("T")[0]; }

  function addDays(d, n) { return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n)); }

  function addYears(d, n) {
    var year = d.getUTCFullYear() + n;
    var last = new Date(Date.UTC(year, d.getUTCMonth() + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, d.getUTCMonth(), Math.min(d.getUTCDate(), last)));
  }

  function calendarOf(data) {
    if (!data._cal) {
      var c = data.calendar;
      data._cal = { first: c.first_year, last: c.last_year, off: new Set(c.holidays), on: new Set(c.workdays) };
    }
    return data._cal;
  }

  function isWorkday(cal, d) {
    var key = iso(d);
    var day = d.getUTCDay();
    return cal.on.has(key) || (day !== 0 && day !== 6 && !cal.off.has(key));
  }

  function addWorkingDays(data, d, n) {
    var cal = calendarOf(data);
    var counted = 0;
    while (counted < n) {
      d = addDays(d, 1);
      if (d.getUTCFullYear() < cal.first || d.getUTCFullYear() > cal.last) return null;
      if (isWorkday(cal, d)) counted += 1;
    }
    return d;
  }

  /* One deadline from the date of the input it counts from (a chain like suspension → grace-end → due date is
     followed). Returns {date: "YYYY-MM-DD"} or {outside: true} when working days run past the calendar. */
  function compute(data, id, startIso) {
    var deadline = data.deadlines.filter(function (d) { return d.id === id; })[0];
    var start = parse(startIso);
    if (!deadline || !start) return null;
    if (data.inputs.indexOf(deadline.start) < 0) {
      var before = compute(data, deadline.start, startIso);
      if (!before || before.outside) return before;
      start = parse(before.date);
    }
    var facts = deadline.facts.map(function (f) { return data.facts[f]; });
    var amount = facts.reduce(function (sum, f) { return sum + f.number; }, 0);
    var unit = facts.length ? facts[0].unit : "day";
    var end;
    if (unit === "working-day") end = addWorkingDays(data, start, amount);
    else if (unit === "year") end = addYears(start, amount);
    else end = addDays(start, amount);
    if (!end) return { outside: true };
    return { date: iso(addDays(end, deadline.extra_days)) };
  }

  function weekday(box, dateIso) {
    var names = (box.getAttribute("data-weekdays") || "").split(",");
    var d = parse(dateIso);
    return d && names.length === 7 ? names[d.getUTCDay()] : "";
  }

  function show(data, box) {
    box.querySelectorAll("[data-deadline]").forEach(function (row) {
      var input = box.querySelector("[data-input='" + row.getAttribute("data-from") + "']");
      var out = row.querySelector(".hb-deadline__date");
      var result = input && input.value ? compute(data, row.getAttribute("data-deadline"), input.value) : null;
      row.classList.toggle("hb-deadline--outside", !!(result && result.outside));
      if (!result) out.textContent = "—";
      else if (result.outside) out.textContent = box.getAttribute("data-outside");
      else out.textContent = result.date + " " + weekday(box, result.date);
      out.setAttribute("data-date", result && result.date ? result.date : "");
    });
  }

  function setupCalculator(data, box) {
    box.querySelectorAll("[data-input]").forEach(function (input) {
      input.addEventListener("input", function () { show(data, box); });
      input.addEventListener("change", function () { show(data, box); });
    });
    box.setAttribute("data-ready", "");
    show(data, box);
  }

  /* A letter: when the date a deadline counts from is typed, the deadline's field is filled, unless the agent has
     typed over it (a field keeps what it was given by hand). */
  function setupLetter(data, box) {
    var form = box.closest("article") || document;
    var fills = JSON.parse(box.getAttribute("data-fill"));
    Object.keys(fills).forEach(function (target) {
      var rule = fills[target];
      var field = form.querySelector("[name='" + target + "']");
      var source = form.querySelector("[name='" + rule[1] + "']");
      if (!field || !source) return;
      field.addEventListener("input", function (event) {
        if (!event.hbAuto) field.removeAttribute("data-auto");
      });
      function update() {
        if (field.value && !field.hasAttribute("data-auto")) return;  /* typed by hand: leave it */
        var result = source.value ? compute(data, rule[0], source.value) : null;
        field.value = result && result.date ? result.date : "";
        field.setAttribute("data-auto", "");
        var event = new Event("input", { bubbles: true });
        event.hbAuto = true;
        field.dispatchEvent(event);
      }
      source.addEventListener("input", update);
      source.addEventListener("change", update);
    });
    box.setAttribute("data-ready", "");
  }

  var boxes = document.querySelectorAll(".hb-deadlines, .hb-deadline-fill");
  window.hbDeadlines = { compute: compute, ready: null };
  window.hbDeadlines.ready = fetch(DATA_URL).then(function (r) { return r.json(); }).then(function (data) {
    window.hbDeadlines.data = data;
    boxes.forEach(function (box) {
      if (box.classList.contains("hb-deadline-fill")) setupLetter(data, box);
      else setupCalculator(data, box);
    });
    return data;
  });
})();
