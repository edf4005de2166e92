/* Fill-in letters and forms: what is typed shows in the letter's preview and, on paper, in the form; amounts are
   also written in Chinese capital numerals where the language's money format asks for them; the fields are checked
   (GOV.UK error message and error summary) before printing. Nothing typed is sent anywhere; it is stored on the device
   only when the reader ticks "remember". */
import { LANG, T, say, mayRemember, packRemembered, unpackRemembered, printOnly } from "./core.js";

/* ---------- money in Chinese capital numerals (人民币大写) ---------- */
var DIGITS = "零壹贰叁肆伍陆柒捌玖";
var UNITS = ["", "拾", "佰", "仟"];
var GROUPS = ["", "万", "亿", "万亿"];

/* An amount as typed ("5,000", "5000元", "５０００", "¥ 5 000.50", "RMB 5000") → "5000" / "5000.50", or "" if it
   is not an amount. The preview, the capital numerals and the check all read amounts through this. */
function parseAmount(text) {
  var value = String(text).replace(/[\uff10-\uff19]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xfee0); })
    .replace(/[．。]/g, ".").replace(/[,，\s\u00a0\u3000]/g, "")
    .replace(/^(人民币|RMB|CNY|[¥￥])/i, "").replace(/(元整|元|圆|块|yuan|RMB|CNY)$/i, "");
  return /^\d{1,15}(\.\d{1,2})?$/.test(value) ? value : "";
}
window.hbParseAmount = parseAmount;

function capitalAmount(text) {
  var value = parseAmount(text);
  if (!value) return "";
  var parts = value.split(".");
  var integer = parts[0].replace(/^0+(?=\d)/, "");
  var fraction = ((parts[1] || "") + "00").slice(0, 2);
  var out = "";
  var zeros = 0;
  for (var i = 0; i < integer.length; i++) {
    var position = integer.length - 1 - i;
    var digit = +integer[i];
    if (digit === 0) zeros++;
    else { if (zeros > 0) out += "零"; zeros = 0; out += DIGITS[digit] + UNITS[position % 4]; }
    if (position % 4 === 0 && zeros < 4 && out) out += GROUPS[position / 4];
  }
  if (out) out += "元";
  var jiao = +fraction[0], fen = +fraction[1];
  if (!jiao && !fen) return "人民币" + (out || "零元") + "整";
  if (jiao) out += (out && /0$/.test(integer) ? "零" : "") + DIGITS[jiao] + "角";
  else if (out) out += "零";
  if (fen) out += DIGITS[fen] + "分";
  else out += "整";
  return "人民币" + out;
}
window.hbCapitalAmount = capitalAmount;

/* ---------- how a typed value shows on paper ---------- */
/* A date written out in the language's own way (2026年3月5日, 5 March 2026). */
var DATE = new Intl.DateTimeFormat(T.js_locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

function display(input) {
  var value = input.type === "checkbox" ? (input.checked ? "✓" : "") : (input.value || "").trim();
  if (!value) return "";
  var type = input.getAttribute("data-type");
  if (type === "date") {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return DATE.format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  }
  if (type === "money") {
    var amount = parseAmount(value);
    if (amount) {
      /* the language's money format names {amount} and, where amounts are also written in words, {words} */
      var shown = Number(amount).toLocaleString(T.js_locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      var words = T.js_money_format.indexOf("{words}") >= 0 ? capitalAmount(amount) : "";
      return say("js_money_format", { amount: shown, words: words });
    }
  }
  return value;
}

/* ---------- fill-in letters and forms ---------- */
function storeKey(root) { return "hb:" + root.getAttribute("data-store") + ":" + LANG; }

function fields(root) { return Array.prototype.slice.call(root.querySelectorAll("input[name], select[name], textarea[name]")); }

function save(root) {
  var remember = root.querySelector('[data-action="remember"]');
  if (!remember || !remember.checked) return;
  var data = {};
  fields(root).forEach(function (el) {
    if (!mayRemember(el)) return;
    data[el.name] = el.type === "checkbox" ? el.checked : el.value;
  });
  try { localStorage.setItem(storeKey(root), packRemembered(data)); } catch (e) { /* storage full or disabled */ }
}

/* On paper a form field is its value as text, which wraps instead of being cut (an 18-digit ID, seven lines of notes),
   with dates written out; a signature stays a blank line to sign by hand. On paper the field itself is hidden. */
function markChoice(el) {
  var list = el.parentElement.querySelector(".hb-choices");
  if (!list) return;
  list.querySelectorAll("[data-choice]").forEach(function (li) { li.classList.toggle("hb-choice--on", !!el.value && li.getAttribute("data-choice") === el.value); });
}

function mirrorOnPaper(el, shown) {
  if (el.tagName === "SELECT") { markChoice(el); return; }
  if (el.type === "checkbox" || !el.closest(".hb-form")) return;
  var mirror = el.nextElementSibling;
  if (!mirror || !mirror.classList.contains("hb-print-value")) {
    mirror = document.createElement("span");
    mirror.className = "hb-print-value";
    mirror.setAttribute("aria-hidden", "true");
    el.insertAdjacentElement("afterend", mirror);
    el.classList.add("hb-mirrored");
  }
  mirror.textContent = el.getAttribute("data-type") === "signature" ? "" : shown;
}

function updatePreview(root) {
  fields(root).forEach(function (el) {
    var shown = display(el);
    mirrorOnPaper(el, shown);
    root.querySelectorAll('[data-slot="' + el.name + '"]').forEach(function (slot) {
      slot.textContent = shown;
      if (!shown) { var blank = document.createElement("span"); blank.className = "hb-blank"; blank.setAttribute("aria-hidden", "true"); slot.appendChild(blank); }
      slot.classList.toggle("hb-slot--filled", !!shown);
    });
    if (el.getAttribute("aria-invalid") === "true") showFieldError(root, el, fieldProblem(root, el));
  });
}

/* ---------- checking a letter or form (GOV.UK error message and error summary) ---------- */
function labelOf(el) {
  var label = el.id && el.closest(".hb-fillable").querySelector('label[for="' + el.id + '"]');
  var text = label ? label.cloneNode(true) : null;
  if (text) text.querySelectorAll(".hb-req").forEach(function (r) { r.remove(); });
  var name = text ? text.textContent.trim() : (el.getAttribute("aria-label") || el.name);
  /* inside a sentence a label reads in lower case ("Enter policy number"), an acronym (ID number) stays as it is;
     Chinese labels have no case */
  return /^.[A-Z]/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/* What is wrong with one field, in words, or "" (empty required fields only when `strict`). */
function fieldProblem(root, el, strict) {
  var value = (el.value || "").trim(), type = el.getAttribute("data-type");
  var say = function (key) { return (root.getAttribute("data-msg-" + key) || "").replace("{label}", labelOf(el)); };
  if (!value) {
    if (!(strict || el.getAttribute("aria-invalid") === "true") || !el.required) return "";
    return say(el.tagName === "SELECT" ? "choice" : "required");
  }
  if (type === "money" && !parseAmount(value)) return say("money");
  if ((type === "phone" || type === "id_number") && el.validity.patternMismatch) return say(type);
  if (type === "date" && el.validity.badInput) return say("date");
  return "";
}

function showFieldError(root, el, message) {
  var field = el.closest(".hb-field") || el.parentElement;
  var id = (el.id || el.name) + "-error";
  var box = document.getElementById(id);
  var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
  if (!message) {
    if (box) box.remove();
    el.removeAttribute("aria-invalid");
    field.classList.remove("hb-field--error");
    if (described.length) el.setAttribute("aria-describedby", described.join(" ")); else el.removeAttribute("aria-describedby");
    el.setCustomValidity("");
    return;
  }
  if (!box) {
    box = document.createElement("p");
    box.className = "hb-error-message";
    box.id = id;
    el.insertAdjacentElement("beforebegin", box);
  }
  box.innerHTML = "";
  var prefix = document.createElement("span");
  prefix.className = "md-visually-hidden";
  prefix.textContent = root.getAttribute("data-msg-prefix");
  box.appendChild(prefix);
  box.appendChild(document.createTextNode(message));
  el.setAttribute("aria-invalid", "true");
  el.setAttribute("aria-describedby", described.concat(id).join(" "));
  field.classList.add("hb-field--error");
  el.setCustomValidity(message);
}

/* Check every field; show each problem next to its field and all of them in a summary at the top. */
function checkFillable(root, strict) {
  var problems = [];
  fields(root).forEach(function (el) {
    if (el.type === "checkbox") return;
    var message = fieldProblem(root, el, strict);
    showFieldError(root, el, message);
    if (message) problems.push({ el: el, message: message });
  });
  return problems;
}

function errorSummary(root, problems, printAnyway) {
  var summary = root.querySelector(".hb-error-summary");
  if (!problems.length) { if (summary) summary.remove(); return null; }
  if (!summary) {
    summary = document.createElement("div");
    summary.className = "hb-error-summary";
    summary.setAttribute("role", "alert");
    summary.setAttribute("tabindex", "-1");
    summary.setAttribute("aria-labelledby", root.getAttribute("data-store").replace(":", "-") + "-errors");
    root.insertAdjacentElement("afterbegin", summary);
  }
  summary.innerHTML = "";
  var title = document.createElement("h2");
  title.className = "hb-error-summary__title";
  title.id = summary.getAttribute("aria-labelledby");
  title.textContent = root.getAttribute("data-msg-summary");
  var list = document.createElement("ul");
  list.className = "hb-error-summary__list";
  problems.forEach(function (p) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = "#" + p.el.id;
    a.textContent = p.message;
    a.addEventListener("click", function (event) { event.preventDefault(); p.el.focus(); p.el.scrollIntoView({ block: "center" }); });
    li.appendChild(a);
    list.appendChild(li);
  });
  summary.appendChild(title);
  summary.appendChild(list);
  if (printAnyway) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = root.getAttribute("data-msg-anyway");
    button.addEventListener("click", printAnyway);
    summary.appendChild(button);
  }
  return summary;
}

/* Print: a blank sheet prints at once (a blank on purpose); a partly filled one with problems shows them first. */
function printChecked(root, className) {
  var started = fields(root).some(function (el) { return el.type === "checkbox" ? el.checked : !!(el.value || "").trim(); });
  var problems = started ? checkFillable(root, true) : [];
  var summary = errorSummary(root, problems, function () { errorSummary(root, []); printOnly(root, className); });
  if (summary) { summary.scrollIntoView({ block: "start" }); summary.focus(); return; }
  printOnly(root, className);
}

function restore(root) {
  var raw = null;
  try { raw = localStorage.getItem(storeKey(root)); } catch (e) { raw = null; }
  if (!raw) return;
  var data = unpackRemembered(raw);
  if (!data) { try { localStorage.removeItem(storeKey(root)); } catch (e) { /* ignore */ } return; }
  fields(root).forEach(function (el) {
    if (!(el.name in data) || !mayRemember(el)) return;
    if (el.type === "checkbox") el.checked = !!data[el.name]; else el.value = data[el.name];
  });
  var remember = root.querySelector('[data-action="remember"]');
  if (remember) remember.checked = true;
}

function clearAll(root) {
  fields(root).forEach(function (el) { if (el.type === "checkbox") el.checked = false; else el.value = ""; });
  try { localStorage.removeItem(storeKey(root)); } catch (e) { /* ignore */ }
  var remember = root.querySelector('[data-action="remember"]');
  if (remember) remember.checked = false;
  fields(root).forEach(function (el) { if (el.type !== "checkbox") showFieldError(root, el, ""); });
  errorSummary(root, []);
  updatePreview(root);
}

function setupFillable(root) {
  restore(root);
  updatePreview(root);
  root.addEventListener("input", function (event) {
    if (event.target.getAttribute("data-action") === "remember") return;
    updatePreview(root); save(root);
  });
  root.addEventListener("change", function (event) {
    var el = event.target;
    if (el.name && el.type !== "checkbox") showFieldError(root, el, fieldProblem(root, el));
    if (el.getAttribute("data-action") === "remember") {
      if (el.checked) save(root); else { try { localStorage.removeItem(storeKey(root)); } catch (e) { /* ignore */ } }
      return;
    }
    updatePreview(root); save(root);
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "clear") clearAll(root);
    if (action === "print") printChecked(root, root.classList.contains("hb-letter") ? "hb-print-letter" : "hb-print-form");
  });
}


document.querySelectorAll(".hb-fillable").forEach(setupFillable);
