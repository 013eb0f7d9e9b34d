/*
 * The library's search: a field in the header that shows results while typing
 * (Enter opens the results page), and the results page tim-kiem/?q=… with its
 * filters (loai, co_quan, nam) and ranked results in [data-search-results].
 *
 * It reads the index that `kb search-index` writes into assets/search/ (the format
 * is described in scripts/kb/search/build.py): a small manifest, then only the
 * shards of the query's terms and the metadata of the results on screen. The
 * normalisation rules (tone placement, folding) come from the manifest; the code
 * applying them mirrors scripts/kb/search/normalize.py and is checked against it
 * on the library's whole vocabulary (tests/search/test_agreement.py, under node,
 * where this file only exports its Normalizer).
 *
 * Every URL is resolved from this script's own address, so the site works under
 * any sub-path, and nothing is requested outside the site.
 */
(function () {
  "use strict";

  /* ------------------------------------------------------------------ *
   * Normalisation: the mirror of normalize.py.
   * ------------------------------------------------------------------ */

  var WORD_CHAR = "[\\p{L}\\p{N}]";
  var TOKEN = new RegExp(WORD_CHAR + "+(?:[/-]" + WORD_CHAR + "+)*", "gu");
  var WORD = new RegExp(WORD_CHAR + "+", "gu");
  var PART = /[/-]/;
  var ARTICLE_NUMBER = /^[0-9]+[a-z]?$/;
  var SHARD_CHAR = /[^a-z0-9]/gu;
  var KIND = { WORD: "word", PART: "part", ARTICLE: "article" };

  /** The rules of the manifest's "normalize" object, applied as normalize.py applies them. */
  function Normalizer(rules) {
    var pairs = Object.keys(rules.tone);
    this.tone = rules.tone;
    this.toneRule = new RegExp("(?<!q)(" + pairs.join("|") + ")(?!" + WORD_CHAR + ")", "gu");
    this.folding = {};
    for (var i = 0; i < rules.fold[0].length; i++) {
      this.folding[rules.fold[0][i]] = rules.fold[1][i];
    }
    this.articlePrefix = rules.article;
  }

  /** NFC, lower case, new tone placement: "Hoà" → "hòa". */
  Normalizer.prototype.normalize = function (text) {
    var tone = this.tone;
    return text.normalize("NFC").toLowerCase().replace(this.toneRule, function (pair) {
      return tone[pair];
    });
  };

  /** Without diacritics: "lừa đảo" → "lua dao". */
  Normalizer.prototype.fold = function (normalized) {
    var out = "";
    for (var char of normalized) out += this.folding[char] || char;
    return out;
  };

  /** Tokens of a text, numbers whole and in parts: "24/2018/qh14", "24", "2018", "qh14". */
  Normalizer.prototype.tokens = function (text) {
    var found = [];
    (this.normalize(text).match(TOKEN) || []).forEach(function (token) {
      found.push(token);
      if (PART.test(token)) found.push.apply(found, token.split(/[/-]/));
    });
    return found;
  };

  /** The terms of a query: {text, folded, kind, exact}; "điều 8" becomes "§8". */
  Normalizer.prototype.queryTerms = function (query) {
    var words = this.normalize(query).match(TOKEN) || [];
    var main = new Map();
    var parts = new Map();
    var self = this;
    function term(text, folded, kind) {
      return { text: text, folded: folded, kind: kind, exact: text !== folded };
    }
    for (var index = 0; index < words.length; index++) {
      var word = words[index];
      var following = index + 1 < words.length ? this.fold(words[index + 1]) : "";
      if (this.fold(word) === "dieu" && ARTICLE_NUMBER.test(following)) {
        var token = this.articlePrefix + following;
        if (!main.has(token)) main.set(token, term(token, token, KIND.ARTICLE));
        index++;
        continue;
      }
      if (!main.has(word)) main.set(word, term(word, this.fold(word), KIND.WORD));
      if (PART.test(word)) {
        word.split(/[/-]/).forEach(function (part) {
          if (!parts.has(part)) parts.set(part, term(part, self.fold(part), KIND.PART));
        });
      }
    }
    var terms = Array.from(main.values());
    parts.forEach(function (part, text) {
      if (!main.has(text)) terms.push(part);
    });
    return terms;
  };

  /** The first ``length`` (2) characters of a term, "_" for any not [a-z0-9]. */
  Normalizer.prototype.shardKey = function (folded, length) {
    return Array.from(folded).slice(0, length || 2).join("").replace(SHARD_CHAR, "_");
  };

  /** The shard a term is filed in: its longest prefix key in the set ``shards``, or null. */
  Normalizer.prototype.findShard = function (folded, shards) {
    var size = Array.from(folded).length;
    for (var length = size; length >= Math.min(2, size); length--) {
      var key = this.shardKey(folded, length);
      if (shards.has(key)) return key;
    }
    return null;
  };

  if (typeof document === "undefined") {
    module.exports = { Normalizer: Normalizer };
    return;
  }
  // The results page loads this script early, right after its results' element
  // (tim-kiem/index.md), so that the query starts before the theme's scripts run; the copy
  // every page loads at the end of its body then has nothing to do.
  if (window.kbSearchLoaded) return;
  window.kbSearchLoaded = true;

  /* ------------------------------------------------------------------ *
   * The index: files fetched once, postings decoded, results ranked.
   * ------------------------------------------------------------------ */

  var SCRIPT = document.currentScript;
  var SITE_ROOT = new URL("../../", SCRIPT.src);
  var INDEX_ROOT = new URL("assets/search/", SITE_ROOT);
  var FILTERS = { loai: "loai_van_ban", co_quan: "co_quan_ban_hanh", nam: "nam" };

  /** Base-64 digit values of the manifest's alphabet, by character code. */
  function digitValues(alphabet) {
    var values = new Int8Array(128).fill(-1);
    for (var i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
    return values;
  }

  /** Reads a string of base-64 digits: VLQ numbers (five bits a digit, the sixth meaning
   *  "more follows") and single digits (impacts). */
  function Reader(text, digits) {
    this.text = text;
    this.digits = digits;
    this.position = 0;
  }

  Reader.prototype.more = function () {
    return this.position < this.text.length;
  };

  Reader.prototype.digit = function () {
    return this.digits[this.text.charCodeAt(this.position++)];
  };

  Reader.prototype.number = function () {
    var value = 0;
    var shift = 0;
    var digit;
    do {
      digit = this.digit();
      value |= (digit & 31) << shift;
      shift += 5;
    } while (digit & 32);
    return value;
  };

  /** The numbers of a VLQ string. */
  function readNumbers(text, digits) {
    var reader = new Reader(text, digits);
    var numbers = [];
    while (reader.more()) numbers.push(reader.number());
    return numbers;
  }

  function Index(root) {
    this.root = root;
    this.files = new Map();
    this.state = null;
  }

  /** A JSON file of the index, fetched once. */
  Index.prototype.get = function (name) {
    var files = this.files;
    if (!files.has(name)) {
      files.set(name, fetch(new URL(name, this.root)).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      }).catch(function (error) {
        files.delete(name);  // tried again by the next query
        throw error;
      }));
    }
    return files.get(name);
  };

  /** The manifest and the document table, decoded once. */
  Index.prototype.ready = function () {
    var self = this;
    if (!this.state) {
      this.state = Promise.all([this.get("manifest.json"), this.get("docs.json")])
        .then(function (loaded) {
          var manifest = loaded[0];
          var digits = digitValues(manifest.alphabet);
          var counts = readNumbers(loaded[1].units, digits);
          var starts = new Int32Array(counts.length + 1);
          counts.forEach(function (count, doc) { starts[doc + 1] = starts[doc] + count; });
          var levels = manifest.impact.levels;
          var impacts = new Float64Array(levels);
          for (var level = 0; level < levels; level++) {
            impacts[level] = manifest.impact.min *
              Math.pow(manifest.impact.max / manifest.impact.min, level / (levels - 1));
          }
          return {
            manifest: manifest,
            normalizer: new Normalizer(manifest.normalize),
            digits: digits,
            impacts: impacts,
            starts: starts,
            status: Array.from(loaded[1].status, function (char) { return digits[char.charCodeAt(0)]; }),
            shards: new Set(manifest.shards),
            scores: new Float64Array(manifest.units),
            bits: new Uint32Array(manifest.units),
          };
        });
      this.state.catch(function () { self.state = null; });
    }
    return this.state;
  };

  /** The document a unit belongs to (units are numbered document by document). */
  function documentOf(starts, unit) {
    var low = 0;
    var high = starts.length - 2;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= unit) low = middle; else high = middle - 1;
    }
    return low;
  }

  /** The filters' values: {facet name: [[value, number of documents], …]}. */
  Index.prototype.facets = function () {
    return this.get("facets.json");
  };

  /** Which documents the chosen filters ({facet name: value}) allow, or null for all. */
  Index.prototype.allowed = function (filters, state) {
    var self = this;
    var chosen = Object.keys(filters).filter(function (name) { return filters[name]; });
    if (!chosen.length) return Promise.resolve(null);
    return this.facets().then(function (facets) {
      return Promise.all(chosen.map(function (name) {
        var position = (facets[name] || []).findIndex(function (entry) {
          return entry[0] === filters[name];
        });
        return position < 0 ? "" : self.get("facets/" + name + "-" + position + ".json");
      }));
    }).then(function (lists) {
      var votes = new Uint8Array(state.starts.length - 1);
      lists.forEach(function (list) {
        var doc = 0;
        readNumbers(list, state.digits).forEach(function (delta) { votes[doc += delta]++; });
      });
      return votes.map(function (count) { return count === chosen.length ? 1 : 0; });
    });
  };

  /**
   * The variants of a shard entry: [{text, count, units, impacts, complete}]. A spilled
   * variant's first tier (in the shard) holds the units where it weighs most; its second
   * tier is fetched only if ``rest`` has its id (a filter could otherwise hide every unit
   * of the first).
   */
  Index.prototype.variants = function (entry, rest, state) {
    var self = this;
    return Promise.all(Object.keys(entry.v).map(function (text) {
      var value = entry.v[text];
      var tiers = [typeof value === "string" ? value : value.t];
      if (typeof value !== "string" && rest.has(value.p)) {
        tiers.push(self.get("postings/" + value.p + ".json"));
      }
      return Promise.all(tiers).then(function (loaded) {
        var postings = { units: [], impacts: [] };
        loaded.forEach(function (tier) {
          var decoded = decode(tier, state);
          postings.units = postings.units.concat(decoded.units);
          postings.impacts = postings.impacts.concat(decoded.impacts);
        });
        postings.text = text;
        postings.count = typeof value === "string" ? postings.units.length : value.c;
        postings.complete = typeof value === "string" || loaded.length === 2;
        return postings;
      });
    }));
  };

  /** The ids of the second tiers a filtered query fetches: the smallest, within budget. */
  function restTiers(entries, budget) {
    var spilled = [];
    entries.forEach(function (entry) {
      Object.keys(entry.v).forEach(function (text) {
        if (typeof entry.v[text] !== "string") spilled.push(entry.v[text]);
      });
    });
    spilled.sort(function (a, b) { return a.r - b.r; });
    var chosen = new Set();
    spilled.forEach(function (value) {
      if (value.r <= budget) {
        chosen.add(value.p);
        budget -= value.r;
      }
    });
    return chosen;
  }

  /**
   * Rank the units for a query. Options: filters ({facet name: value}) and live (the
   * last word may be unfinished: its most frequent completions count too).
   * Resolves to {terms, groups: [{doc, score, unit: the best unit, count: units matched}]}.
   */
  Index.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    return this.ready().then(function (state) {
      var normalizer = state.normalizer;
      var terms = normalizer.queryTerms(query);
      if (!terms.length) return { terms: terms, groups: [] };
      var typed = (normalizer.normalize(query).match(TOKEN) || []).pop();
      var last = terms.filter(function (t) { return t.kind === KIND.WORD; }).pop();
      var prefix = options.live && last && last.text === typed && !/\s$/.test(query) &&
        !PART.test(typed) && Array.from(last.folded).length >= 2 ? last : null;
      var keys = terms.map(function (t) { return normalizer.findShard(t.folded, state.shards); });
      var filtered = Object.keys(options.filters || {}).some(function (name) {
        return options.filters[name];
      });
      return Promise.all([
        Promise.all(Array.from(new Set(keys), function (key) {
          return key === null ? [key, {}] : self.get("terms/" + key + ".json").then(
            function (shard) { return [key, shard]; });
        })),
        self.allowed(options.filters || {}, state),
      ]).then(function (loaded) {
        var shards = new Map(loaded[0]);
        var found = terms.map(function (t, i) {
          var shard = shards.get(keys[i]);
          var entries = shard[t.folded] ? [{ entry: shard[t.folded], weight: 1 }] : [];
          return t === prefix ? entries.concat(completions(shard, t.folded, state)) : entries;
        });
        var rest = filtered ? restTiers([].concat.apply([], found).map(function (f) {
          return f.entry;
        }), state.manifest.rest_budget) : new Set();
        return Promise.all(found.map(function (entries) {
          return Promise.all(entries.map(function (f) {
            return self.variants(f.entry, rest, state).then(function (variants) {
              return { weight: f.weight, variants: variants };
            });
          }));
        })).then(function (matches) {
          return rank(state, terms, matches, loaded[1]);
        });
      });
    });
  };

  /** The three most frequent terms of the shard that continue an unfinished word. */
  function completions(shard, folded, state) {
    var rank = state.manifest.rank;
    return Object.keys(shard)
      .filter(function (key) { return key !== folded && key.startsWith(folded); })
      .sort(function (a, b) { return shard[b].n - shard[a].n; })
      .slice(0, 3)
      .map(function (key) { return { entry: shard[key], weight: rank.prefix }; });
  }

  /**
   * Score every unit the terms match:
   *   sum over terms and their variants of idf(variant) × impact × (1, or rank.folded for
   *   other diacritics than typed, rank.part for a part of a number, rank.prefix for a
   *   completion),
   * plus a share of the document's own score (rank.context; rank.article for the article
   * the query names), × (matched terms / terms) ^ rank.coord × the status boost.
   * Units are then grouped by document, the best unit leading.
   */
  function rank(state, terms, matches, allowed) {
    var manifest = state.manifest;
    var weights = manifest.rank;
    var scores = state.scores;
    var bits = state.bits;
    var touched = [];
    var units = manifest.units;
    // The terms every result should contain: the words fully loaded (a common word known
    // by its first tier only cannot tell a unit without it), else every word found, else
    // the parts of a number typed whole that is not in the library.
    var complete = matches.map(function (found) {
      return found.every(function (f) {
        return f.variants.every(function (postings) { return postings.complete; });
      });
    });
    var present = terms.filter(function (t, i) {
      return t.kind !== KIND.PART && matches[i].length && complete[i];
    });
    if (!present.length) {
      present = terms.filter(function (t, i) { return t.kind !== KIND.PART && matches[i].length; });
    }
    if (!present.length) {
      present = terms.filter(function (t, i) { return matches[i].length; });
    }
    var required = 0;
    var articles = 0;
    terms.forEach(function (t, i) {
      var bit = present.indexOf(t) >= 0 ? 1 << Math.min(i, 31) : 0;
      required |= bit;
      if (t.kind === KIND.ARTICLE) articles |= bit;
      var kindWeight = t.kind === KIND.PART && !bit ? weights.part : 1;
      matches[i].forEach(function (found) {
        found.variants.forEach(function (postings) {
          var n = postings.count;
          var weight = Math.log(1 + (units - n + 0.5) / (n + 0.5)) * kindWeight * found.weight *
            (!t.exact || postings.text === t.text ? 1 : weights.folded);
          for (var p = 0; p < postings.units.length; p++) {
            var unit = postings.units[p];
            if (!scores[unit] && !bits[unit]) touched.push(unit);
            scores[unit] += weight * postings.impacts[p];
            bits[unit] |= bit;
          }
        });
      });
    });
    var total = present.length;
    var best = new Map();
    touched.forEach(function (unit) {
      var doc = documentOf(state.starts, unit);
      if (allowed && !allowed[doc]) return;
      var own = state.starts[doc];
      var named = (bits[unit] & articles) !== 0;
      var share = unit === own ? 0 : named ? weights.article : weights.context;
      var matched = popcount((bits[unit] | (named ? bits[own] : 0)) & required);
      if (!matched && total) return;
      var score = (scores[unit] + share * scores[own]) *
        Math.pow(total ? matched / total : 1, weights.coord) *
        manifest.status[state.status[doc]][1];
      var group = best.get(doc);
      if (!group) best.set(doc, group = { doc: doc, score: -1, unit: unit, count: 0 });
      group.count++;
      if (score > group.score || (score === group.score && unit < group.unit)) {
        group.score = score;
        group.unit = unit;
      }
    });
    touched.forEach(function (unit) { scores[unit] = 0; bits[unit] = 0; });
    var groups = Array.from(best.values()).sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
    return { terms: terms, groups: groups };
  }

  /** A postings string as {units, impacts}, increasing unit ids with their impacts. */
  function decode(text, state) {
    var reader = new Reader(text, state.digits);
    var units = [];
    var impacts = [];
    var unit = 0;
    while (reader.more()) {
      unit += reader.number();
      units.push(unit);
      impacts.push(state.impacts[reader.digit()]);
    }
    return { units: units, impacts: impacts };
  }

  function popcount(value) {
    var count = 0;
    for (; value; value &= value - 1) count++;
    return count;
  }

  /**
   * What the results show for groups: [{url, title, status, type, issuer, date, heading,
   * excerpt, others}], loading the metadata of each document and of its best unit only.
   */
  Index.prototype.details = function (groups) {
    var self = this;
    return this.ready().then(function (state) {
      var size = state.manifest.meta_size;
      var wanted = new Set();
      groups.forEach(function (group) {
        wanted.add(Math.floor(state.starts[group.doc] / size));
        wanted.add(Math.floor(group.unit / size));
      });
      return Promise.all(Array.from(wanted, function (shard) {
        return self.get("meta/" + shard + ".json").then(function (metas) { return [shard, metas]; });
      })).then(function (loaded) {
        var shards = new Map(loaded);
        function meta(unit) { return shards.get(Math.floor(unit / size))[unit % size]; }
        return groups.map(function (group) {
          var own = meta(state.starts[group.doc]);
          var best = meta(group.unit);
          var url = new URL(own.u, SITE_ROOT);
          if (best.a) url.hash = best.a;
          return {
            url: url.href,
            title: own.t,
            status: own.s,
            type: own.l,
            issuer: own.c,
            date: own.d,
            heading: best.h || "",
            excerpt: best.x || own.x || "",
            others: group.count - 1,
          };
        });
      });
    });
  };

  /* ------------------------------------------------------------------ *
   * Presentation: the header field and the results page.
   * ------------------------------------------------------------------ */

  var index = new Index(INDEX_ROOT);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** ``text`` with the words of the query marked (compared without diacritics). */
  function highlighted(text, terms, normalizer) {
    var words = new Set(terms.map(function (t) { return t.folded; }));
    var fragment = document.createDocumentFragment();
    var done = 0;
    for (var match of text.matchAll(WORD)) {
      if (words.has(normalizer.fold(normalizer.normalize(match[0])))) {
        fragment.append(text.slice(done, match.index), element("mark", "", match[0]));
        done = match.index + match[0].length;
      }
    }
    fragment.append(text.slice(done));
    return fragment;
  }

  /** "2025-12-10" → "10/12/2025"; a partial date is shown as it is. */
  function displayDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? Number(parts[3]) + "/" + Number(parts[2]) + "/" + parts[1] : iso || "";
  }

  function statusBadge(status) {
    var badge = element("span", "vb-tinh-trang", status);
    badge.setAttribute("data-status", status);
    return badge;
  }

  function resultsUrl(query, filters) {
    var url = new URL("tim-kiem/", SITE_ROOT);
    if (query) url.searchParams.set("q", query);
    Object.keys(filters || {}).forEach(function (param) {
      if (filters[param]) url.searchParams.set(param, filters[param]);
    });
    return url.href;
  }

  var PROMPT = "Nhập từ khóa để tìm văn bản, điều luật";

  /** The header field: results while typing, Enter for the results page. */
  function HeaderSearch(root) {
    this.root = root;
    this.toggle = document.getElementById("__search");
    this.input = root.querySelector("input[name=q]");
    this.meta = root.querySelector(".md-search-result__meta");
    this.list = root.querySelector(".md-search-result__list");
    this.sequence = 0;
    this.timer = 0;
    var self = this;
    this.input.addEventListener("focus", function () {
      self.open(true);
      index.ready().catch(function () { /* shown when a query fails */ });
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.update(); }, 120);
    });
    root.querySelector("form").addEventListener("reset", function () {
      self.list.textContent = "";
      self.meta.textContent = PROMPT;
      self.input.focus();
    });
    root.addEventListener("keydown", function (event) { self.key(event); });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) self.input.focus();
      });
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        self.input.focus();
      }
    });
  }

  HeaderSearch.prototype.open = function (opened) {
    if (this.toggle) this.toggle.checked = opened;
  };

  HeaderSearch.prototype.links = function () {
    return Array.from(this.list.querySelectorAll("a"));
  };

  /** Arrows move between the input and the results, Escape closes. */
  HeaderSearch.prototype.key = function (event) {
    var links = this.links();
    var position = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      this.open(false);
      this.input.blur();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(position + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && position >= 0) {
      event.preventDefault();
      if (position === 0) this.input.focus(); else links[position - 1].focus();
    }
  };

  HeaderSearch.prototype.update = function () {
    var self = this;
    var query = this.input.value;
    var sequence = ++this.sequence;
    if (!query.trim()) {
      this.list.textContent = "";
      this.meta.textContent = PROMPT;
      return;
    }
    index.search(query, { live: true }).then(function (result) {
      return index.details(result.groups.slice(0, 6)).then(function (hits) {
        return { result: result, hits: hits };
      });
    }).then(function (found) {
      if (sequence !== self.sequence) return;
      self.render(query, found.result, found.hits);
    }).catch(function () {
      if (sequence === self.sequence) self.meta.textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  };

  HeaderSearch.prototype.render = function (query, result, hits) {
    var self = this;
    this.list.textContent = "";
    var count = result.groups.length;
    this.meta.textContent = count ? count + " văn bản phù hợp" : "Không tìm thấy văn bản phù hợp";
    index.ready().then(function (state) {
      hits.forEach(function (hit) {
        var item = element("li", "md-search-result__item");
        var link = element("a", "md-search-result__link");
        link.href = hit.url;
        var article = element("article", "md-search-result__article md-typeset");
        article.append(element("h1", "", hit.title));
        if (hit.heading) article.append(element("p", "kb-search-unit", hit.heading));
        var facts = element("p", "kb-search-facts");
        facts.append(statusBadge(hit.status));
        article.append(facts);
        var excerpt = element("p", "md-search-result__teaser");
        excerpt.append(highlighted(hit.excerpt, result.terms, state.normalizer));
        article.append(excerpt);
        link.append(article);
        item.append(link);
        self.list.append(item);
      });
      if (count > hits.length) {
        var all = element("li", "md-search-result__item");
        var more = element("a", "md-search-result__link kb-search-all");
        more.href = resultsUrl(query);
        more.append(element("article", "md-search-result__article md-typeset",
          "Xem tất cả " + count + " kết quả cho “" + query.trim() + "”"));
        all.append(more);
        self.list.append(all);
      }
      self.open(true);
    });
  };

  /** The results page: the form, its filters and the ranked, paged results. */
  function ResultsPage(root) {
    this.root = root;
    this.form = document.querySelector("form[data-search-form]");
    this.summary = document.querySelector("[data-search-summary]");
    this.shown = 0;
    this.result = null;
    this.sequence = 0;
    this.title = document.title;
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.navigate();
    });
    this.form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") self.navigate();
    });
    window.addEventListener("popstate", function () { self.load(); });
    index.ready().catch(function () { /* reported by the search */ });
    this.load();
    // The filters' values are fetched when the reader reaches for them, or at once when
    // the address has a filter (its value must be shown).
    var filters = this.form.querySelector(".kb-search-page__filters");
    var params = this.params();
    var fill = function () {
      filters.removeEventListener("pointerover", fill);
      filters.removeEventListener("focusin", fill);
      index.facets().then(function (facets) {
        self.fillFilters(facets);
        self.readUrl();
      }).catch(function () { /* the search itself reports a missing index */ });
    };
    if (Object.keys(params.filters).some(function (param) { return params.filters[param]; })) {
      fill();
    } else {
      filters.addEventListener("pointerover", fill);
      filters.addEventListener("focusin", fill);
    }
  }

  ResultsPage.prototype.params = function () {
    var params = new URL(window.location.href).searchParams;
    var filters = {};
    Object.keys(FILTERS).forEach(function (param) { filters[param] = params.get(param) || ""; });
    return { query: params.get("q") || "", filters: filters };
  };

  /** Show the URL's query and filters in the form. */
  ResultsPage.prototype.readUrl = function () {
    var params = this.params();
    var form = this.form;
    form.elements.q.value = params.query;
    Object.keys(FILTERS).forEach(function (param) {
      if (form.elements[param]) form.elements[param].value = params.filters[param];
    });
    return params;
  };

  ResultsPage.prototype.fillFilters = function (facets) {
    var form = this.form;
    Object.keys(FILTERS).forEach(function (param) {
      var select = form.elements[param];
      if (!select) return;
      (facets[FILTERS[param]] || []).forEach(function (entry) {
        var option = element("option", "", entry[0] + " (" + entry[1] + ")");
        option.value = entry[0];
        select.append(option);
      });
    });
  };

  /** Put the form's query and filters into the address (shareable), then search. */
  ResultsPage.prototype.navigate = function () {
    var form = this.form;
    var filters = {};
    Object.keys(FILTERS).forEach(function (param) {
      if (form.elements[param]) filters[param] = form.elements[param].value;
    });
    window.history.pushState(null, "", resultsUrl(form.elements.q.value.trim(), filters));
    this.load();
  };

  ResultsPage.prototype.load = function () {
    var self = this;
    var params = this.readUrl();
    var filters = {};
    Object.keys(FILTERS).forEach(function (param) {
      filters[FILTERS[param]] = params.filters[param];
    });
    var query = params.query.trim();
    var sequence = ++this.sequence;
    this.root.textContent = "";
    this.shown = 0;
    if (!query) {
      this.summary.textContent = "Nhập từ khóa: tên, số hiệu văn bản (24/2018/QH14, QH14), " +
        "điều luật (điều 8 luật an ninh mạng), nội dung (lừa đảo, dữ liệu cá nhân).";
      this.root.setAttribute("aria-busy", "false");
      return;
    }
    document.title = "“" + query + "” – " + this.title;
    this.summary.textContent = "Đang tìm…";
    this.root.setAttribute("aria-busy", "true");
    index.search(query, { filters: filters }).then(function (result) {
      if (sequence !== self.sequence) return null;
      self.result = result;
      var count = result.groups.length;
      self.summary.textContent = count
        ? count + " văn bản phù hợp với “" + query + "”"
        : "Không tìm thấy văn bản phù hợp với “" + query + "”.";
      self.list = element("ol", "kb-results");
      self.root.append(self.list);
      return self.more();
    }).catch(function () {
      self.summary.textContent = "Không tải được chỉ mục tìm kiếm.";
    }).then(function () {
      if (sequence !== self.sequence) return;
      // Done, with or without results: what tests and timing wait for.
      self.root.setAttribute("aria-busy", "false");
      performance.mark("kb-search:results");
    });
  };

  /**
   * Render the next page of ten results (and a button for the following ones). Each result
   * is shown, in order, as soon as its own metadata files arrive: the first one does not
   * wait for the files of the tenth (on HTTP/1.1, six requests at a time).
   */
  ResultsPage.prototype.more = function () {
    var self = this;
    var groups = this.result.groups.slice(this.shown, this.shown + 10);
    this.shown += groups.length;
    var old = this.root.querySelector(".kb-results-more");
    if (old) old.remove();
    var hits = groups.map(function (group) { return index.details([group]); });
    return hits.reduce(function (previous, hit) {
      return Promise.all([previous, hit]).then(function (loaded) {
        self.list.append(self.item(loaded[1][0], loaded[0]));
        return loaded[0];
      });
    }, index.ready().then(function (state) { return state.normalizer; })).then(function () {
      if (self.shown < self.result.groups.length) {
        var button = element("button", "md-button kb-results-more", "Xem thêm kết quả");
        button.type = "button";
        button.addEventListener("click", function () { self.more(); });
        self.root.append(button);
      }
    });
  };

  ResultsPage.prototype.item = function (hit, normalizer) {
    var terms = this.result.terms;
    var item = element("li", "kb-result");
    var link = element("a", "kb-result__link");
    link.href = hit.url;
    link.append(element("span", "kb-result__title", hit.title));
    if (hit.heading) link.append(element("span", "kb-result__unit", hit.heading));
    item.append(link);
    var facts = element("p", "kb-result__facts");
    facts.append(statusBadge(hit.status));
    [hit.type, hit.issuer, displayDate(hit.date)].forEach(function (fact) {
      if (fact) facts.append(" · " + fact);
    });
    item.append(facts);
    if (hit.excerpt) {
      var excerpt = element("p", "kb-result__excerpt");
      excerpt.append(highlighted(hit.excerpt, terms, normalizer));
      item.append(excerpt);
    }
    if (hit.others) {
      item.append(element("p", "kb-result__others",
        "Cùng văn bản: " + hit.others + " mục khác phù hợp"));
    }
    return item;
  };

  var header = document.querySelector("[data-kb-search]");
  if (header) new HeaderSearch(header);
  var results = document.querySelector("[data-search-results]");
  if (results) new ResultsPage(results);
})();
