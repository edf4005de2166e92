/* Policy Service Handbook: search dialog, fill-in letters and forms, checklists, printing.
   Nothing typed here is sent anywhere; it is stored only when the reader ticks "remember". */
(function () {
  "use strict";

  var LANG = document.documentElement.lang === "en" ? "en" : "zh";

  /* ---------- search (Pagefind's index and API, loaded on first open) ---------- */
  /* Filler words of a question (有哪些, 怎么办, 什么, 吗, "what should I", "how do I"): they would drown the words that
     say what the question is about, and Pagefind keeps only pages holding every word of a query. The one list of them:
     dropped from every variant of a query; a query of filler words only is searched as typed. Chinese ones are cut out
     of the running text (longest first); English ones are whole words, compared without case or apostrophes. */
  var STOP_WORDS = {
    zh: ["为什么", "怎么办", "怎么样", "怎么做", "怎么弄", "怎么处理", "该怎么", "是不是", "会不会", "能不能", "有没有", "可不可以", "要不要", "该不该",
      "有哪些", "有什么", "是什么", "什么是", "什么样", "哪几种", "哪几个", "哪几类", "哪一步", "应该", "需要", "如果", "的话",
      "怎么", "怎样", "如何", "什么", "哪些", "哪个", "哪种", "可以", "请问", "一直", "还是", "多少", "一下", "是否", "能否",
      "了", "吗", "呢", "吧", "啊", "的", "得", "还", "能", "我", "你", "他", "她", "谁", "么", "要", "想", "会", "该", "都",
      "也", "就", "在", "是", "被", "把", "给", "和", "与", "及", "哪", "几", "办"],
    en: ["a", "an", "the", "what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was",
      "were", "be", "been", "being", "do", "does", "did", "doing", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "can",
      "could", "should", "would", "will", "shall", "may", "might", "must", "i", "im", "ive", "id", "me", "my", "we", "our",
      "us", "you", "your", "he", "him", "his", "she", "her", "they", "them", "their", "it", "its", "this", "that", "these",
      "those", "there", "here", "to", "of", "for", "in", "on", "at", "by", "with", "about", "from", "into", "if", "then",
      "so", "and", "or", "any", "some", "get", "gets", "got", "have", "has", "had", "need", "needs", "want", "wants",
      "please", "tell", "know", "let", "one", "someone", "something", "anything", "still", "just", "also", "now", "ok", "many", "much", "make", "makes",
      "made", "happen", "happens", "happened"]
  };
  STOP_WORDS.zh.sort(function (a, b) { return b.length - a.length; });
  var EN_STOP = new Set(STOP_WORDS.en);
  function isEnglishStopWord(word) { return EN_STOP.has(word.toLowerCase().replace(/['\u2019]/g, "").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")); }
  /* A query's words less the English filler words, or all its words when nothing else is left. */
  function contentWords(text) {
    var all = text.split(/\s+/).filter(Boolean), kept = all.filter(function (w) { return !isEnglishStopWord(w); });
    return kept.length ? kept : all;
  }
  var ZH_STOP = new Set(STOP_WORDS.zh);
  /* Words split by spaces, less filler words of either language (the browser's own split keeps 了, 吗, 怎么…). */
  function withoutStopWords(text) {
    return text.split(" ").filter(function (w) { return w && !ZH_STOP.has(w) && !isEnglishStopWord(w); }).join(" ");
  }
  var search = null;

  /* Forward maximum matching against the site's vocabulary (a Map from a word to the cut the index made of it, e.g.
     代签名 → "代 签名"); stop words dropped; leftovers kept in runs, with the browser's split as their likely cut.
     Returns [{ word, cut, known }]: known when the vocabulary has the word, cut null when there is none. */
  function segment(query, vocabulary) {
    var out = [];
    contentWords(query).forEach(function (part) {
      if (!/[\u3400-\u9fff]/.test(part)) { out.push({ word: part, cut: null, known: false }); return; }
      var i = 0, rest = "";
      function flush() { /* a run the vocabulary does not know: the browser's split, less single characters, may cut it */
        if (!rest) return;
        var split = rest.length > 2 ? browserWords(rest).split(" ").filter(function (w) { return w.length > 1; }).join(" ") : "";
        out.push({ word: rest, cut: split && split !== rest ? split : null, known: false });
        rest = "";
      }
      while (i < part.length) {
        var hit = "", stop = "";
        for (var len = Math.min(8, part.length - i); len >= 2 && !hit; len--) {
          if (vocabulary.has(part.substr(i, len))) hit = part.substr(i, len);
        }
        for (var s = 0; s < STOP_WORDS.zh.length && !hit && !stop; s++) {
          if (part.substr(i, STOP_WORDS.zh[s].length) === STOP_WORDS.zh[s]) stop = STOP_WORDS.zh[s];
        }
        if (hit) { flush(); out.push({ word: hit, cut: vocabulary.get(hit), known: true }); i += hit.length; }
        else if (stop) { flush(); i += stop.length; }
        else { rest += part.charAt(i); i += 1; }
      }
      flush();
    });
    return out.filter(function (g) { return g.word.length > 1 || !/[\u3400-\u9fff]/.test(g.word) || out.length === 1; });
  }

  /* The browser's own word split of a Chinese run: one more query variant. */
  function browserWords(q) {
    if (!(window.Intl && Intl.Segmenter)) return "";
    return Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(q))
      .map(function (part) { return part.segment.trim(); }).filter(Boolean).join(" ");
  }

  /* Pagefind cuts a Chinese query again with the browser's word segmenter, whose dictionary differs between browser
     builds and from the one that cut the index (Debian's Chromium cuts 回访 into 回 / 访, which then matches nothing).
     The variants below are cut already, so Chinese searches go to a second view of the same index, added with
     Pagefind's mergeIndex: its language "zh-" still selects the zh index but names no locale, so Pagefind searches the
     words as given; its mergeFilter tags every page of that view, and each search asks for that tag only. */
  var AS_CUT = { hb: "as-cut" };
  function loadSearch(dialog) {
    if (search) return search;
    var base = new URL(dialog.getAttribute("data-pagefind-path"), window.location.href).href;
    search = import(base + "pagefind.js").then(function (pf) {
      return pf.options({ excerptLength: 24 }).then(function () {
        if (LANG !== "zh") { pf.init(); return pf; }
        var site = new URL(dialog.getAttribute("data-root"), window.location.href).pathname; /* result URLs as the primary's */
        return pf.mergeIndex(base + "./", { language: "zh-", baseUrl: site, excerptLength: 24, mergeFilter: AS_CUT }).then(function () {
          return { search: function (text) { return pf.search(text, { filters: AS_CUT }); } };
        });
      });
    }).catch(function (err) { search = null; throw err; }); /* offline without a saved index: try again next time */
    return search;
  }

  /* The site's vocabulary for segmenting Chinese, each word written as the index cut it; fetched only when a query is
     long enough to need it. */
  var vocabulary = null;
  function needsSegmenting(raw) { return (raw.match(/[\u3400-\u9fff]/g) || []).length >= 3; }
  function loadVocabulary(dialog) {
    if (vocabulary) return vocabulary;
    var termsUrl = new URL(dialog.getAttribute("data-terms"), window.location.href).href;
    vocabulary = fetch(termsUrl).then(function (r) { return r.ok ? r.json() : { words: [] }; })
      .catch(function () { vocabulary = null; return { words: [] }; }) /* try again on the next query */
      .then(function (data) { return new Map((data.words || []).map(function (cut) { return [cut.replace(/ /g, ""), cut]; })); });
    return vocabulary;
  }
  function vocabularyFor(dialog, raw) { return needsSegmenting(raw) ? loadVocabulary(dialog) : Promise.resolve(new Map()); }

  /* Variants of the query, each with its weight in the merge: as typed (less English filler words); its words; its
     words as the index cut them (宽限期 is stored as 宽限 + 期: the cut form matches it fully); a short query also as
     typed with its filler words (an alias such as "how to claim" holds them); the browser's own word split; each word
     alone (a whole question has more words than any one page holds all of); the two-character pieces of long runs
     the vocabulary does not know (a spoken sentence rarely matches as a whole); a two-character word may be stored
     as two characters. */
  var MAX_VARIANTS = 12;
  function queries(raw, vocabulary) {
    var q = raw.trim();
    var chinese = /[\u3400-\u9fff]/.test(q);
    var groups = needsSegmenting(q) ? segment(q, vocabulary)
      : contentWords(q).map(function (w) { return { word: w, cut: null, known: false }; });
    var list = [], seen = {};
    function add(v, weight) { if (v && !seen[v] && list.length < MAX_VARIANTS) { seen[v] = true; list.push({ text: v, weight: weight }); } }
    function words(g) { return g.word; }
    function cuts(g) { return g.cut || g.word; }
    add(chinese ? q : groups.map(words).join(" "), 1.5);
    add(groups.map(words).join(" "), 1.5);
    add(groups.map(cuts).join(" "), 2);
    if (!chinese && q.split(/\s+/).length <= 3) add(q, 1);
    var known = groups.some(function (g) { return g.known; });
    if (chinese) add(withoutStopWords(browserWords(q)), known ? 0.5 : 1);
    if (groups.length > 1) groups.forEach(function (g) { add(g.word, 1); if (g.cut) add(g.cut, 1); });
    groups.forEach(function (g) {
      if (/^[\u3400-\u9fff]{2}$/.test(g.word) && !g.known) add(g.word.split("").join(" "), 1);
      if (g.known || !/^[\u3400-\u9fff]{3,}$/.test(g.word)) return;
      var pieces = g.word.match(/.{1,2}/g);
      add(pieces.join(" "), 1);
      pieces.forEach(function (piece) { if (piece.length === 2) add(piece, 1); });
    });
    return list;
  }

  /* Search the site's index with every variant of the query and add up, for each page, its score in each variant as a
     share of that variant's best score, squared, times the variant's weight. A page the whole question finds scores
     in most variants; a page that only one word of it finds scores little. A variant whose best page scores under
     WEAK_MATCH points a word found nothing good (a long course page holds every word of a question somewhere): its
     pages are measured against that floor instead. */
  var WEAK_MATCH = 2;
  function findHits(dialog, raw) {
    return Promise.all([loadSearch(dialog), vocabularyFor(dialog, raw)]).then(function (loaded) {
      var pf = loaded[0], variants = queries(raw, loaded[1]);
      return Promise.all(variants.map(function (v) { return pf.search(v.text); })).then(function (all) {
        var score = {}, byId = {}, best = {}; /* a page's snippet is highlighted for the variant that ranked it best */
        all.forEach(function (r, v) {
          var floor = WEAK_MATCH * variants[v].text.split(" ").length;
          var top = Math.max(r.results.length ? r.results[0].score : 0, floor);
          r.results.forEach(function (hit) {
            var share = variants[v].weight * Math.pow(hit.score / top, 2);
            if (!(best[hit.id] >= share)) { best[hit.id] = share; byId[hit.id] = hit; }
            score[hit.id] = (score[hit.id] || 0) + share;
          });
        });
        return Object.keys(byId).sort(function (a, b) { return score[b] - score[a]; }).map(function (id) { return byId[id]; });
      });
    });
  }
  window.hbQueries = function (raw) {
    return vocabularyFor(document.getElementById("hb-search"), raw)
      .then(function (vocab) { return queries(raw, vocab).map(function (v) { return v.text; }); });
  };
  window.hbSearch = function (query, limit) {
    return findHits(document.getElementById("hb-search"), query).then(function (hits) {
      return Promise.all(hits.slice(0, limit || 10).map(function (hit) { return hit.data(); }));
    }).then(function (data) { return data.map(function (d) { return d.url; }); });
  };

  /* A phone screen shows about six results: only their fragments are fetched, the rest on "More results". */
  var RESULTS_PER_PAGE = 6;
  var searchSeq = 0;

  /* An excerpt window can open on the punctuation that ended the sentence before it, or close on a list's separator. */
  function trimExcerpt(html) { return html.replace(/^[\s。，、；：！？·.,;:!?]+/, "").replace(/[\s，、；：·,;:]+$/, ""); }

  function resultItem(d) {
    var li = document.createElement("li");
    li.className = "hb-result";
    var a = document.createElement("a");
    a.href = d.url;
    a.className = "hb-result__link";
    if (d.meta.kind) { var k = document.createElement("span"); k.className = "hb-kind"; k.textContent = d.meta.kind; a.appendChild(k); }
    var t = document.createElement("strong"); t.textContent = d.meta.title || d.url; a.appendChild(t);
    var p = document.createElement("span"); p.className = "hb-result__excerpt"; p.innerHTML = trimExcerpt(d.excerpt); /* Pagefind escapes the text and adds <mark> */
    a.appendChild(p);
    li.appendChild(a);
    return li;
  }

  function showResults(dialog, hits, from, seq) {
    return Promise.all(hits.slice(from, from + RESULTS_PER_PAGE).map(function (hit) { return hit.data(); })).then(function (data) {
      if (seq !== searchSeq) return;
      var list = dialog.querySelector(".hb-results");
      var status = dialog.querySelector(".hb-search__status");
      if (from === 0) {
        list.innerHTML = "";
        status.textContent = hits.length ? (LANG === "zh" ? "找到 " + hits.length + " 条结果" : hits.length + " results") : (LANG === "zh" ? "没有找到相关内容，换个说法试试" : "Nothing found; try other words");
      }
      var more = list.querySelector(".hb-results__more");
      if (more) more.remove();
      var items = data.map(resultItem);
      items.forEach(function (li) { list.appendChild(li); });
      var shown = from + data.length;
      if (shown < hits.length) {
        var li = document.createElement("li");
        li.className = "hb-results__more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = LANG === "zh" ? "更多结果（还有 " + (hits.length - shown) + " 条）" : "More results (" + (hits.length - shown) + " more)";
        button.addEventListener("click", function () {
          if (button.disabled) return;
          button.disabled = true; /* a double tap must not add the same results twice */
          showResults(dialog, hits, shown, seq).then(function (added) { if (added && added[0]) added[0].querySelector("a").focus(); });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
      dialog.setAttribute("data-results", String(shown));
      return items;
    });
  }

  function runSearch(dialog, raw) {
    var seq = ++searchSeq;
    if (!raw.trim()) { dialog.querySelector(".hb-results").innerHTML = ""; dialog.querySelector(".hb-search__status").textContent = ""; return; }
    findHits(dialog, raw).then(function (hits) {
      if (seq !== searchSeq) return;
      document.dispatchEvent(new CustomEvent("hb:searched", { detail: { query: raw, count: hits.length } }));
      return showResults(dialog, hits, 0, seq);
    }).catch(function () { if (seq === searchSeq) hbSearchUnavailable(dialog); });
  }

  var searchTimer = null;
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches(".hb-search__input")) return;
    var dialog = document.getElementById("hb-search");
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { runSearch(dialog, event.target.value); }, 120);
  });
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches(".hb-search__form")) return;
    event.preventDefault();
    var first = document.querySelector("#hb-search .hb-result__link");
    if (first) window.location.href = first.href;
  });

  function openSearch() {
    var dialog = document.getElementById("hb-search");
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    var input = dialog.querySelector(".hb-search__input");
    input.focus();
    loadSearch(dialog);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("[data-hb-search-open]")) { openSearch(); return; }
    if (target.closest("[data-hb-search-close]")) { document.getElementById("hb-search").close(); return; }
    var dialog = document.getElementById("hb-search");
    if (dialog && target === dialog) dialog.close(); /* click on the backdrop */
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target.tagName || "")) || event.target.isContentEditable;
    if (event.key === "/" && !typing) { event.preventDefault(); openSearch(); }
  });

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
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  function display(input) {
    var value = input.type === "checkbox" ? (input.checked ? "✓" : "") : (input.value || "").trim();
    if (!value) return "";
    var type = input.getAttribute("data-type");
    if (type === "date") {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (m) return LANG === "zh" ? (+m[1]) + "年" + (+m[2]) + "月" + (+m[3]) + "日" : (+m[3]) + " " + MONTHS[+m[2] - 1] + " " + m[1];
    }
    if (type === "money") {
      var amount = parseAmount(value);
      if (amount) {
        var shown = Number(amount).toLocaleString(LANG === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        var words = LANG === "zh" ? capitalAmount(amount) : "";
        return words ? shown + " 元（" + words + "）" : shown;
      }
    }
    return value;
  }
  window.hbDisplay = function (selector) { return display(document.querySelector(selector)); };

  /* ---------- fill-in letters and forms ---------- */
  function storeKey(root) { return "hb:" + root.getAttribute("data-store") + ":" + LANG; }

  function fields(root) { return Array.prototype.slice.call(root.querySelectorAll("input[name], select[name], textarea[name]")); }

  function save(root) {
    var remember = root.querySelector('[data-action="remember"]');
    if (!remember || !remember.checked) return;
    var data = {};
    fields(root).forEach(function (el) {
      if (!hbMayRemember(el)) return;
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    try { localStorage.setItem(storeKey(root), hbPackRemembered(data)); } catch (e) { /* storage full or disabled */ }
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
    /* in an English sentence a label reads in lower case ("Enter policy number"), an acronym stays as it is */
    return LANG === "en" && !/^.[A-Z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
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
    var data = hbUnpackRemembered(raw);
    if (!data) { try { localStorage.removeItem(storeKey(root)); } catch (e) { /* ignore */ } return; }
    fields(root).forEach(function (el) {
      if (!(el.name in data) || !hbMayRemember(el)) return;
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

  /* Mark what prints: a letter or form alone (root given), or the whole page as a handout. */
  function printMode(root, className) {
    document.documentElement.classList.add("hb-printing", className);
    if (root) root.classList.add("hb-print-target");
    return function () {
      document.documentElement.classList.remove("hb-printing", className);
      if (root) root.classList.remove("hb-print-target");
    };
  }
  window.hbPrintMode = function (selector, className) { return printMode(document.querySelector(selector), className); };

  function printOnly(root, className) {
    var undo = printMode(root, className);
    var done = function () { undo(); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
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

  /* ---------- checklists ---------- */
  /* "Untick all" can be undone: the ticks it cleared come back with one tap on Undo, until the next tick. */
  function untickAll(root, boxes, key, progress) {
    var before = boxes.filter(function (b) { return b.checked; });
    if (!before.length) return;
    boxes.forEach(function (b) { b.checked = false; });
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
    progress();
    var status = root.querySelector(".hb-checklist__undo");
    status.textContent = status.getAttribute("data-reset-done") + " ";
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "md-button";
    undo.setAttribute("data-action", "undo");
    undo.textContent = status.getAttribute("data-undo-label");
    undo.addEventListener("click", function () {
      before.forEach(function (b) { b.checked = true; });
      status.textContent = "";
      root.dispatchEvent(new Event("change"));
    });
    status.appendChild(undo);
    root.addEventListener("change", function clear(event) {
      if (event.target !== root) { status.textContent = ""; root.removeEventListener("change", clear); }
    });
  }

  function setupChecklist(root) {
    var key = "hb:checklist:" + root.getAttribute("data-checklist") + ":" + LANG;
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-item]"));
    var state = {};
    try { state = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
    boxes.forEach(function (box) { box.checked = !!state[box.getAttribute("data-item")]; });
    function progress() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      root.querySelector("[data-progress-done]").textContent = done;
      root.querySelector("[data-progress-total]").textContent = boxes.length;
      root.classList.toggle("hb-checklist--complete", done === boxes.length);
    }
    root.addEventListener("change", function () {
      var next = {};
      boxes.forEach(function (b) { if (b.checked) next[b.getAttribute("data-item")] = true; });
      try { localStorage.setItem(key, JSON.stringify(next)); } catch (e) { /* ignore */ }
      progress();
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) return;
      if (button.getAttribute("data-action") === "reset") untickAll(root, boxes, key, progress);
      if (button.getAttribute("data-action") === "print") printOnly(null, "hb-print-page");
    });
    progress();
  }

  function init() {
    document.querySelectorAll(".hb-fillable").forEach(setupFillable);
    document.querySelectorAll(".hb-checklist").forEach(setupChecklist);
    document.querySelectorAll(".hb-handout-bar [data-action=print]").forEach(function (b) {
      b.addEventListener("click", function () { printOnly(null, "hb-print-page"); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

/* Exclusion catalogue: one entry per exclusion, filtered by product line and tag; the count of what is shown is
   announced (role=status). */
(function () {
  "use strict";
  var root = document.querySelector("[data-catalogue]");
  if (!root) return;
  var line = "", tag = "";
  var has = function (list, word) { return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0; };
  function apply() {
    var shown = 0;
    root.querySelectorAll(".hb-index__item").forEach(function (item) {
      var ok = (!line || has(item.getAttribute("data-lines"), line)) && (!tag || has(item.getAttribute("data-tags"), tag));
      item.hidden = !ok;
      if (ok) shown++;
    });
    root.querySelector("[data-count]").textContent = root.getAttribute("data-showing").replace("{n}", shown);
  }
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-line]");
    if (!button) return;
    line = button.getAttribute("data-line");
    root.querySelectorAll("[data-line]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    apply();
  });
  root.addEventListener("change", function (event) {
    if (event.target.matches("[data-tag-filter]")) { tag = event.target.value; apply(); }
  });
})();

/* Offline: the service worker at the site root (sw.js) serves visited and saved pages and search without a network;
   "save for offline" on a section index asks it to fetch that section's pages and the language's search files. */
(function () {
  "use strict";
  var dialog = document.getElementById("hb-search");
  if (!("serviceWorker" in navigator) || !dialog || !dialog.hasAttribute("data-root")) return;
  var root = new URL(dialog.getAttribute("data-root"), window.location.href);
  var ready = new Promise(function (resolve, reject) {
    function register() {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
        .then(function () { return navigator.serviceWorker.ready; }).then(resolve, reject);
    }
    if (document.readyState === "complete") register(); else window.addEventListener("load", register);
  });
  ready.catch(function () { /* no offline support here (e.g. a private window): the site works as before */ });

  function save(box) {
    var button = box.querySelector("[data-action=save-offline]");
    var status = box.querySelector(".hb-offline__status");
    var label = function (name) { return box.getAttribute("data-label-" + name); };
    button.disabled = true;
    fetch(new URL(box.getAttribute("data-list"), window.location.href).href, { cache: "no-cache" })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (list) {
        var absolute = function (u) { return new URL(u, root).href; };
        var pages = (list.sections[box.getAttribute("data-section")] || []).map(absolute);
        var files = (list.search || []).map(absolute);
        return ready.then(function (registration) {
          return new Promise(function (resolve) {
            var channel = new MessageChannel();
            channel.port1.onmessage = function (event) {
              var m = event.data;
              var pagesLeft = m.done.pages < m.total.pages;
              status.textContent = pagesLeft ? label("pages") + " " + m.done.pages + " / " + m.total.pages
                : label("search") + " " + m.done.files + " / " + m.total.files;
              if (m.finished) resolve(m.done.failed);
            };
            registration.active.postMessage({ type: "hb-save", pages: pages, files: files }, [channel.port2]);
          });
        });
      })
      .then(function (failed) {
        status.textContent = failed ? label("failed") : label("done");
        box.setAttribute("data-saved", failed ? "partly" : "yes");
      }, function () { status.textContent = label("failed"); })
      .then(function () { button.disabled = false; });
  }

  document.querySelectorAll(".hb-offline").forEach(function (box) {
    box.hidden = false;
    box.querySelector("[data-action=save-offline]").addEventListener("click", function () { save(box); });
  });
})();

/* Pages from the device's saved copy: the service worker marks them (<meta name="hb-saved-copy">) when the network
   failed or took too long; the page says when it was saved and that it may be out of date, and reloads when the
   connection comes back. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="hb-saved-copy"]');
  if (!meta) return;
  var zh = document.documentElement.lang !== "en";
  var when = meta.getAttribute("content") ? new Date(meta.getAttribute("content")) : null;
  var date = when && !isNaN(when.getTime())
    ? new Intl.DateTimeFormat(zh ? "zh-CN" : "en-GB", { year: "numeric", month: zh ? "long" : "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(when)
    : (zh ? "（日期不明）" : "an unknown date");
  var note = document.createElement("p");
  note.className = "hb-saved-copy";
  note.setAttribute("role", "status");
  note.textContent = zh ? "保存于 " + date + "，可能不是最新" : "Saved on " + date + "; may be out of date";
  var place = document.querySelector(".md-content__inner") || document.body;
  place.insertBefore(note, place.firstChild);
  window.addEventListener("online", function () { window.location.reload(); });
})();

/* Search with no connection and no saved index: say so instead of showing an empty dialog. */
function hbSearchUnavailable(dialog) {
  var zh = document.documentElement.lang !== "en";
  dialog.querySelector(".hb-results").innerHTML = "";
  dialog.querySelector(".hb-search__status").textContent = zh
    ? "现在无法搜索：搜索需要联网，或先在联网时打开任一栏目页，点“保存本栏目以便离线使用”（会一并保存搜索索引）。"
    : "Search is not available right now: it needs a connection, or a section saved for offline use first (open any section while online and tap \u201cSave this section for offline use\u201d; that also saves the search index).";
}

/* What "remember on this device" keeps: each form's values with the time they were saved, for REMEMBER_DAYS days
   after the last change; fields marked data-private (ID, phone and account numbers unless the form allows them) never. */
var HB_REMEMBER_PREFIXES = ["hb:letter:", "hb:form:"];
function hbRememberDays() { return 30; }
function hbMayRemember(el) { return !el.closest("[data-private]"); }
function hbPackRemembered(values) { return JSON.stringify({ saved: Date.now(), values: values }); }
function hbUnpackRemembered(raw) {
  /* the values, or null when they are older than the limit or were stored without a date (before the limit existed) */
  var stored = null;
  try { stored = JSON.parse(raw); } catch (e) { return null; }
  if (!stored || typeof stored.saved !== "number" || !stored.values || typeof stored.values !== "object") return null;
  return Date.now() - stored.saved > hbRememberDays() * 86400000 ? null : stored.values;
}
function hbStoredKeys() {
  var keys = [];
  try { for (var i = 0; i < localStorage.length; i++) if (localStorage.key(i).indexOf("hb:") === 0) keys.push(localStorage.key(i)); }
  catch (e) { /* storage disabled */ }
  return keys;
}
(function () {
  "use strict";
  /* on every page: delete remembered values that have expired, even on forms not opened again */
  hbStoredKeys().forEach(function (key) {
    var remembered = HB_REMEMBER_PREFIXES.some(function (p) { return key.indexOf(p) === 0; });
    if (remembered && !hbUnpackRemembered(localStorage.getItem(key))) localStorage.removeItem(key);
  });
  /* the phone-use page: one control that forgets everything this site stored on the device */
  document.querySelectorAll("[data-action=forget-device]").forEach(function (button) {
    var status = document.querySelector(button.getAttribute("data-status"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var keys = hbStoredKeys();
      keys.forEach(function (key) { localStorage.removeItem(key); });
      if (status) status.textContent = button.getAttribute("data-done").replace("{n}", String(keys.length));
    });
  });
})();

/* Course pages: quizzes scored on the device (localStorage per course, module and language), and the trainer
   handout, trainer's guide and role cards printed on A4 through hbPrintMode. */
(function () {
  "use strict";
  var LANG = document.documentElement.lang === "en" ? "en" : "zh";

  function readState(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }

  function setupQuiz(quiz) {
    var key = "hb:course:" + quiz.getAttribute("data-course") + ":" + quiz.getAttribute("data-module") + ":" + LANG;
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".hb-q"));
    var state = readState(key);

    function inputs(q) { return Array.prototype.slice.call(q.querySelectorAll("input")); }
    function correct(q) { return inputs(q).map(function (el, i) { return el.hasAttribute("data-correct") ? i : -1; }).filter(function (i) { return i >= 0; }); }
    function isRight(q, picked) { var want = correct(q); return picked.length === want.length && want.every(function (i) { return picked.indexOf(i) >= 0; }); }
    function letters(q) {
      var options = inputs(q);
      return correct(q).map(function (i) { return options[i].closest("label").querySelector(".hb-q__letter").textContent.replace(/\.$/, ""); })
        .join(quiz.getAttribute("data-separator"));
    }

    function show(q, picked) {
      var right = isRight(q, picked);
      inputs(q).forEach(function (el, i) {
        el.checked = picked.indexOf(i) >= 0;
        el.disabled = true;
        var li = el.closest("li");
        li.classList.toggle("hb-q__option--correct", el.hasAttribute("data-correct"));
        li.classList.toggle("hb-q__option--wrong", el.checked && !el.hasAttribute("data-correct"));
      });
      q.classList.toggle("hb-q--right", right);
      q.classList.toggle("hb-q--wrong", !right);
      q.querySelector(".hb-q__verdict").textContent = right ? quiz.getAttribute("data-right")
        : quiz.getAttribute("data-wrong") + " " + quiz.getAttribute("data-answer") + " " + letters(q);
      q.querySelector(".hb-q__feedback").hidden = false;
      q.querySelector("[data-action=check]").hidden = true;
      q.querySelector(".hb-q__hint").textContent = "";
    }

    function clear(q) {
      inputs(q).forEach(function (el) {
        el.checked = false; el.disabled = false;
        el.closest("li").classList.remove("hb-q__option--correct", "hb-q__option--wrong");
      });
      q.classList.remove("hb-q--right", "hb-q--wrong");
      q.querySelector(".hb-q__feedback").hidden = true;
      q.querySelector("[data-action=check]").hidden = false;
      q.querySelector(".hb-q__hint").textContent = "";
    }

    function score() {
      var answered = questions.filter(function (q) { return state[q.getAttribute("data-q")]; });
      var right = answered.filter(function (q) { return isRight(q, state[q.getAttribute("data-q")]); });
      quiz.querySelector("[data-score]").textContent = right.length;
      quiz.querySelector("[data-answered]").textContent = answered.length;
      quiz.classList.toggle("hb-quiz--done", answered.length === questions.length);
    }

    quiz.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "check") {
        var q = button.closest(".hb-q");
        var picked = inputs(q).map(function (el, i) { return el.checked ? i : -1; }).filter(function (i) { return i >= 0; });
        if (!picked.length) { q.querySelector(".hb-q__hint").textContent = quiz.getAttribute("data-pick"); return; }
        state[q.getAttribute("data-q")] = picked;
        try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage full or disabled: the score still shows */ }
        show(q, picked);
        score();
      }
      if (action === "reset-quiz") {
        state = {};
        try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
        questions.forEach(clear);
        score();
      }
    });

    questions.forEach(function (q) {
      var picked = state[q.getAttribute("data-q")];
      if (Array.isArray(picked) && picked.length) show(q, picked); else delete state[q.getAttribute("data-q")];
    });
    score();
  }

  document.querySelectorAll(".hb-quiz[data-course]").forEach(setupQuiz);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-course-print]");
    if (!button || typeof window.hbPrintMode !== "function") return;
    var undo = window.hbPrintMode(button.getAttribute("data-target"), "hb-print-" + button.getAttribute("data-course-print"));
    var done = function () { undo(); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
  });
})();
