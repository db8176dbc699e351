/*
 * The site's only script (the theme's own 110 KB bundle is not loaded: see main.html).
 * Reading needs no JavaScript; this adds search, keyboard shortcuts and the print date.
 *
 * Search with Pagefind inside the theme's search box.
 *
 * - Nothing is downloaded until the reader starts a search: then Pagefind loads the index of the
 *   page's language only (it reads <html lang>), in small chunks.
 * - Keys as in the theme: "/", "s" or "f" opens the search, Esc closes it, the arrow keys move
 *   through the results and Enter opens the first one.
 * - The words that matched are highlighted on the page a result leads to. They travel in
 *   sessionStorage, read and deleted by that page, never in the address: the server and its logs
 *   never see what a reader searched for.
 * - Swedish compounds are indexed with their parts too (scripts/styrdok/search/compounds.py): the index
 *   copy has "~" between the parts, removed here before anything is shown.
 * - A query that is, whole, a reference number, decision date or contact name from the register puts
 *   its document first, marked as a direct hit (search/identifiers-<lang>.json, from the register).
 * - A word that is on no page of the results gets "Did you mean …?" with the nearest words of
 *   the site's own vocabulary (search/words-<lang>.json, fetched only then).
 * Reading the site needs no JavaScript; only search does.
 */
(function () {
  "use strict";
  var HIGHLIGHT = "site-search-highlight";

  // The theme's CSS shows the search and sizes the sidebars for pages whose script runs.
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  // Header buttons are labels for hidden checkboxes: Enter or Space on a focused one toggles it.
  document.addEventListener("keydown", function (event) {
    var label = event.target;
    if (label instanceof HTMLLabelElement && label.htmlFor && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      label.click();
    }
  });

  // Stamp the date of printing on the printed page (the URL is stamped without JavaScript).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-print-date]").forEach(function (el) {
      var today = new Date().toLocaleDateString(el.getAttribute("data-locale"),
        { year: "numeric", month: "long", day: "numeric" });
      el.textContent = el.getAttribute("data-label") + today;
    });
  });

  var root = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var list = root.querySelector(".md-search-result__list");
  var status = root.querySelector(".md-search-result__meta");
  var form = root.querySelector("form");
  var pagefind = null;
  var identifiers = null;
  var vocabulary = null;
  var latest = 0;
  var pagefindURL = new URL(root.getAttribute("data-pagefind-path"), location.href);
  var siteRoot = new URL("../", pagefindURL);
  // compounds.MARK between the letters of a compound's parts, in the text Pagefind returns.
  var PART_MARK = /(\p{L})~(?=\p{L})/gu;

  function unmark(text) {
    return (text || "").replace(PART_MARK, "$1");
  }

  function fetchJSON(name) {
    return fetch(new URL(root.getAttribute(name), location.href).href)
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
  }

  // --- facts: the twin of scripts/styrdok/model/facts.py (for_facts, identifier_key), held to the same
  // table of cases (tests/fixtures/facts_cases.json) by tests/test_facts_grammar.py. ---
  // Every dash and hyphen (normalise.DASHES), the slashes drawn like '/', the invisible characters a
  // key drops (facts._INVISIBLE) and the spaces Python's str.split() splits at (facts.py's twin).
  var DASHES = /[\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u{10ead}\u00ad\u02d7\u2043\u2212\u2796]/gu;
  var SLASHES = /[\u2044\u2215\u29f8]/g;
  var INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
  var SPACES = /[\s\x1c-\x1f\x85]+/;
  var DIGIT = /\p{Nd}/u;

  // Text in the one written form of facts: compatibility forms folded (full-width digits, no-break
  // spaces), every dash '-', every slash look-alike '/', digits of every script ASCII digits.
  function forFacts(text) {
    return text.normalize("NFKC").replace(DASHES, "-").replace(SLASHES, "/")
      .replace(/\p{Nd}/gu, function (digit) {
        // Unicode writes each script's digits 0 to 9 in a row: the value is the place in that row.
        var code = digit.codePointAt(0), place = 0;
        while (DIGIT.test(String.fromCodePoint(code - place - 1))) place++;
        return String(place % 10);
      });
  }

  // A query as search.identifier_key writes an identifier: the written form of facts, invisible
  // characters removed, small letters, single spaces, numbers without leading zeros.
  function identifierKey(text) {
    return forFacts(text).replace(INVISIBLE, "").toLowerCase()
      .replace(/[0-9]+/g, function (n) { return n.replace(/^0+(?=[0-9])/, ""); })
      .split(SPACES).filter(Boolean).join(" ");
  }
  // --- end of facts ---

  function label(name, count) {
    return root.getAttribute("data-label-" + name).replace("#", String(count));
  }

  function load() {
    if (!pagefind) {
      identifiers = fetchJSON("data-identifiers-path");
      // The path is relative to the page, and import() resolves relative to this script.
      pagefind = import(pagefindURL.href).then(function (module) {
        // Rank the form the reader typed above other forms of the same word.
        return module.options({ ranking: { termSimilarity: 8 } }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function open(focus) {
    toggle.checked = true;
    document.body.setAttribute("data-site-search-open", "");
    load();
    if (focus) {
      input.focus();
      input.select();
    }
  }

  function close() {
    toggle.checked = false;
    document.body.removeAttribute("data-site-search-open");
    input.blur();
  }

  function matchedWords(result) {
    var words = {};
    var excerpts = [result.excerpt].concat((result.sub_results || []).map(function (s) { return s.excerpt; }));
    excerpts.forEach(function (excerpt) {
      (excerpt.match(/<mark>([^<]+)<\/mark>/g) || []).forEach(function (m) {
        var word = unmark(m.slice(6, -7)).toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (word) words[word] = true;
      });
    });
    return Object.keys(words).slice(0, 5);
  }

  function render(results, query) {
    list.textContent = "";
    status.textContent = !query ? label("placeholder") : results.length === 0 ? label("none")
      : results.length === 1 ? label("one") : label("other", results.length);
    results.forEach(function (result) {
      var url = new URL(result.url, location.href);
      var words = matchedWords(result);
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = url.pathname + url.hash;
      link.addEventListener("click", function () {
        try {
          sessionStorage.setItem(HIGHLIGHT, JSON.stringify({ path: url.pathname, words: words }));
        } catch (e) { /* storage may be off: the page opens without highlight */ }
      });
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h2");
      title.className = "md-search-result__title";
      if (result.direct) {
        var badge = document.createElement("span");
        badge.className = "site-search-direct";
        badge.textContent = root.getAttribute("data-label-direct");
        title.appendChild(badge);
      }
      title.appendChild(document.createTextNode(unmark(result.meta.title) || url.pathname));
      var excerpt = document.createElement("p");
      // Pagefind escapes the page text and adds only <mark>; keep nothing else.
      excerpt.innerHTML = unmark(result.excerpt).replace(/<(?!\/?mark>)/g, "&lt;");
      article.appendChild(title);
      article.appendChild(excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  // Pages that contain the very form the reader typed come before pages with other forms of the
  // word (Pagefind ranks by stem); otherwise Pagefind's order is kept (the sort is stable).
  function exactFirst(results, query) {
    var patterns = query.toLowerCase().split(/\s+/).filter(Boolean).map(function (word) {
      return new RegExp("(^|[^\\p{L}\\p{N}])" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=[^\\p{L}\\p{N}]|$)", "u");
    });
    function exact(result) {
      var text = unmark(result.content).toLowerCase();
      return patterns.every(function (p) { return p.test(text); }) ? 1 : 0;
    }
    return results.slice().sort(function (a, b) { return exact(b) - exact(a); });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      render([], "");
      return;
    }
    load().then(function (pf) {
      return pf.debouncedSearch(query, {}, 150);
    }).then(function (found) {
      if (!found || ticket !== latest) return null;
      return Promise.all([Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })), identifiers]);
    }).then(function (both) {
      if (!both || ticket !== latest) return;
      var results = directFirst(exactFirst(both[0], query), both[1], query).slice(0, 10);
      render(results, query);
      var unknown = unknownWords(query, results);
      if (unknown.length) suggest(query, unknown, ticket);
    });
  }

  function pathOf(url, base) {
    return new URL(url, base).pathname;
  }

  // The documents whose reference number, decision date or contact name the query is, whole, come
  // first, marked as direct hits; one that Pagefind did not find is added from the register. Never
  // for a part of the query or a prefix: a direct hit says the reader asked for exactly this.
  function directFirst(results, entries, query) {
    var wanted = identifierKey(query);
    var direct = [];
    (entries || []).forEach(function (entry) {
      if (!wanted || wanted !== entry.key) return;
      var path = pathOf(entry.url, siteRoot);
      if (direct.some(function (d) { return pathOf(d.url, location.href) === path; })) return;
      var found = results.filter(function (r) { return pathOf(r.url, location.href) === path; })[0];
      var hit = Object.assign({}, found || {
        url: path, meta: { title: entry.title }, content: entry.text,
        excerpt: entry.text.replace(/&/g, "&amp;").replace(/</g, "&lt;"), sub_results: []
      });
      hit.direct = true;
      direct.push(hit);
    });
    return direct.concat(results.filter(function (r) {
      return !direct.some(function (d) { return pathOf(d.url, location.href) === pathOf(r.url, location.href); });
    }));
  }

  // Words of the query that are on no page among the results (a typo, or a word the site lacks).
  function unknownWords(query, results) {
    var text = results.map(function (r) { return unmark(r.content + " " + (r.meta.title || "")); }).join(" ").toLowerCase();
    return query.toLowerCase().split(/\s+/).filter(function (word) {
      return /^\p{L}{3,}$/u.test(word) && text.indexOf(word) < 0;
    });
  }

  // Optimal string alignment distance (a swap of two letters is one slip), or max + 1 if larger.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      var low = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i].push(d);
        low = Math.min(low, d);
      }
      if (i > 0 && low > max) return max + 1;
    }
    return rows[a.length][b.length];
  }

  // The nearest words of the site's vocabulary (most frequent first), not mere other forms of it.
  function nearest(word, words) {
    var max = word.length <= 4 ? 1 : 2;
    var found = [];
    words.forEach(function (candidate, rank) {
      if (candidate.indexOf(word) === 0 || word.indexOf(candidate) === 0) return;
      var d = distance(word, candidate, max);
      if (d <= max) found.push({ word: candidate, d: d, rank: rank });
    });
    found.sort(function (x, y) { return x.d - y.d || x.rank - y.rank; });
    return found.slice(0, 3).map(function (f) { return f.word; });
  }

  function suggest(query, unknown, ticket) {
    if (!vocabulary) vocabulary = fetchJSON("data-words-path");
    vocabulary.then(function (words) {
      if (ticket !== latest) return;
      var known = new Set(words);
      var lowered = query.toLowerCase().split(/\s+/).filter(Boolean);
      var choices = {};
      unknown.forEach(function (word) { if (!known.has(word)) choices[word] = nearest(word, words); });
      var first = Object.keys(choices).filter(function (w) { return choices[w].length; })[0];
      if (!first) return;
      var queries = choices[first].map(function (choice) {
        return lowered.map(function (word) {
          if (word === first) return choice;
          return choices[word] && choices[word].length ? choices[word][0] : word;
        }).join(" ");
      });
      var line = document.createElement("span");
      line.className = "site-search-suggest";
      line.appendChild(document.createTextNode(" " + root.getAttribute("data-label-suggest") + " "));
      queries.forEach(function (text, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = text;
        button.addEventListener("click", function () {
          input.value = text;
          search();
          input.focus();
        });
        if (index) line.appendChild(document.createTextNode(", "));
        line.appendChild(button);
      });
      line.appendChild(document.createTextNode("?"));
      status.appendChild(line);
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  input.addEventListener("focus", function () { open(false); });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { search(); input.focus(); }, 0); });
  toggle.addEventListener("change", function () { if (toggle.checked) open(true); else close(); });

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var target = event.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
    if (!toggle.checked) {
      if (typing) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open(true);
      } else if (event.key === "p" || event.key === ",") {
        var prev = document.querySelector("link[rel=prev]");
        if (prev) location.href = prev.href;
      } else if (event.key === "n" || event.key === ".") {
        var next = document.querySelector("link[rel=next]");
        if (next) location.href = next.href;
      }
      return;
    }
    var all = links();
    var index = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = index === -1 ? (step === 1 ? 0 : all.length - 1) : index + step;
      if (next < 0 || next >= all.length) input.focus();
      else all[next].focus();
    } else if (event.key === "Enter" && target === input && all.length) {
      event.preventDefault();
      all[0].click();
    }
  });

  // Highlight the words a reader searched for, on the page a result led to; forget them at once.
  var wanted = [];
  try {
    var kept = JSON.parse(sessionStorage.getItem(HIGHLIGHT) || "null");
    sessionStorage.removeItem(HIGHLIGHT);
    if (kept && kept.path === location.pathname && Array.isArray(kept.words)) {
      wanted = kept.words.map(function (w) { return String(w).toLowerCase(); }).filter(Boolean);
    }
  } catch (e) { /* storage may be off */ }
  var article = document.querySelector("[data-pagefind-body]");
  if (wanted.length && article) {
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + wanted.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")(?=[^\\p{L}\\p{N}]|$)", "giu");
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      if (!pattern.test(text)) return;
      pattern.lastIndex = 0;
      var fragment = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (all, before, word, offset) {
        var start = offset + before.length;
        fragment.appendChild(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.className = "site-search-highlight";
        mark.textContent = word;
        fragment.appendChild(mark);
        first = first || mark;
        last = start + word.length;
        return all;
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
    if (first && !location.hash) first.scrollIntoView({ block: "center" });
  }
})();
