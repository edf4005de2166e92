/* Search, on every page: the dialog in every page's footer, opened by the header's search button, the home page's
   search box or the "/" key. Pagefind's index and API are loaded on first open; a query is searched in several
   variants (segmented against the site's vocabulary) and their results merged (dev-docs/search.md). */
import { LANG, T, say } from "./core.js";

/* ---------- search (Pagefind's index and API, loaded on first open) ---------- */
/* Filler words of a question (有哪些, 怎么办, 什么, 吗, "what should I", "how do I"): they would drown the words that
   say what the question is about, and Pagefind keeps only pages holding every word of a query. The one list of them:
   dropped from every variant of a query; a query of filler words only is searched as typed. Chinese ones are cut out
   of the running text (longest first); English ones are whole words, compared without case or apostrophes. */
var STOP_WORDS = {
  zh: ["为什么", "怎么办", "怎么样", "怎么做", "怎么弄", "怎么处理", "该怎么", "是不是", "会不会", "能不能", "有没有", "可不可以", "要不要", "该不该",
    "有哪些", "有什么", "是什么", "什么是", "什么样", "哪几种", "哪几个", "哪几类", "哪一步", "应该", "需要", "如果", "的话",
    "怎么", "怎样", "如何", "什么", "哪些", "哪个", "哪种", "可以", "请问", "一直", "拿到", "还是", "多少", "一下", "是否", "能否",
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
   The variants below are cut already. Pagefind takes its index's language from <html lang> once, when the first call
   sets it up, and searches words as given when that language names no locale: "zh-" still selects the zh index. So
   on a Chinese page the search is set up while <html lang> reads "zh-", for that one synchronous call, and the page's
   own value is put back at once. (A second view of the index added with mergeIndex did the same, but every search
   then ran on the page's own view as well, re-cut by the browser, and fetched the index chunks of the filler words
   that view kept: 了, 吗, 的.) */
function setUpUncut(pf) {
  var html = document.documentElement, lang = html.getAttribute("lang");
  html.setAttribute("lang", "zh-");
  try { pf.init(); } finally { html.setAttribute("lang", lang); }
}
function loadSearch(dialog) {
  if (search) return search;
  var base = new URL(dialog.getAttribute("data-pagefind-path"), window.location.href).href;
  search = import(base + "pagefind.js").then(function (pf) {
    return pf.options({ excerptLength: 24 }).then(function () {
      if (LANG === "zh") setUpUncut(pf); else pf.init();
      return pf;
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
function findHits(dialog, raw, asScored, isCurrent) {
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
      var hits = Object.keys(byId).sort(function (a, b) { return score[b] - score[a]; }).map(function (id) {
        return { id: id, score: score[id], data: once(byId[id].data.bind(byId[id])) };
      });
      /* a query typed over already fetches no fragments for re-ordering */
      return asScored || (isCurrent && !isCurrent()) ? hits : reorderFirstFive(raw, hits);
    });
  });
}

/* A function that runs once; later calls get its first promise (a result's fragment is fetched once). A failed
   fetch is forgotten, so showing the result tries again. */
function once(load) {
  var kept = null;
  return function () { return kept || (kept = load().catch(function (err) { kept = null; throw err; })); };
}

/* A text's parts, to compare questions: pairs of adjacent Chinese characters (filler words cut out) and English words
   of three letters or more that are not filler words. */
function likenessParts(text) {
  var folded = text.toLowerCase().replace(/['\u2019]/g, ""), parts = new Set(); /* doesn't → doesnt, a filler word */
  STOP_WORDS.zh.forEach(function (w) { folded = folded.split(w).join(" "); });
  (folded.match(/[\u3400-\u9fff]+/g) || []).forEach(function (run) {
    for (var i = 0; i + 1 < run.length; i++) parts.add(run.substr(i, 2));
  });
  (folded.match(/[a-z0-9]+/g) || []).forEach(function (w) { if (w.length > 2 && !isEnglishStopWord(w)) parts.add(w); });
  return parts;
}
/* Dice's coefficient: the parts two texts share, as a share of both (0 to 1). */
function likeness(a, b) {
  var shared = 0;
  a.forEach(function (part) { if (b.has(part)) shared += 1; });
  return a.size + b.size ? 2 * shared / (a.size + b.size) : 0;
}
/* The questions in a result's text: those the page lists and those its text asks. Pagefind joins blocks with a
   space, which between Chinese characters can only be a block's end. */
function questionsIn(content) {
  return content.replace(/([\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, "$1\n").split(/(?<=[。？！?!；;.\n])/)
    .filter(function (piece) { return /[?？]$/.test(piece); });
}
/* A whole question (QUESTION_PARTS or more) re-orders the first five results by score plus how closely the page's
   title or one of its questions reads like it: asked in other words than the page's text, it still lands on the page
   that lists it. The five stay the same five, and their fragments are fetched for showing anyway (dev-docs/search.md). */
var REORDERED = 5, LIKENESS_WEIGHT = 1.5, QUESTION_PARTS = 3;
function reorderFirstFive(raw, hits) {
  var asked = likenessParts(raw), shown = hits.slice(0, RESULTS_PER_PAGE);
  if (hits.length < 2 || asked.size < QUESTION_PARTS) return hits;
  return Promise.all(shown.map(function (hit) { return hit.data(); })).then(function (data) {
    var ranked = shown.slice(0, REORDERED).map(function (hit, i) {
      var own = [data[i].meta.title || ""].concat(questionsIn(data[i].content || ""));
      var closest = Math.max.apply(null, own.map(function (text) { return likeness(asked, likenessParts(text)); }));
      return { hit: hit, rank: hit.score / hits[0].score + LIKENESS_WEIGHT * closest };
    });
    ranked.sort(function (a, b) { return b.rank - a.rank; });
    return ranked.map(function (r) { return r.hit; }).concat(hits.slice(REORDERED));
  }, function () { return hits; }); /* offline without the fragments: the order as scored */
}
window.hbQueries = function (raw) {
  return vocabularyFor(document.getElementById("hb-search"), raw)
    .then(function (vocab) { return queries(raw, vocab).map(function (v) { return v.text; }); });
};
/* The result URLs of a query, as the dialog lists them; `asScored` leaves out the re-ordering of the first five. */
window.hbSearch = function (query, limit, asScored) {
  return findHits(document.getElementById("hb-search"), query, asScored).then(function (hits) {
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
      status.textContent = hits.length ? say("js_search_results", { n: hits.length }) : T.js_search_none;
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
      button.textContent = say("js_search_more", { n: hits.length - shown });
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
  findHits(dialog, raw, false, function () { return seq === searchSeq; }).then(function (hits) {
    if (seq !== searchSeq) return;
    document.dispatchEvent(new CustomEvent("hb:searched", { detail: { query: raw, count: hits.length } }));
    return showResults(dialog, hits, 0, seq);
  }).catch(function () { if (seq === searchSeq) searchUnavailable(dialog); });
}

/* Search with no connection and no saved index: say so instead of showing an empty dialog. */
function searchUnavailable(dialog) {
  dialog.querySelector(".hb-results").innerHTML = "";
  dialog.querySelector(".hb-search__status").textContent = T.js_search_unavailable;
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
