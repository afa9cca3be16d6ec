// growthsite search: the only script of the default theme, loaded by
// /search/ alone. The index under search/ is split so that a query fetches
// a few small files, however large the site:
//   meta.json       {format, version, docs, group, buckets, words: [first
//                   word of each lexicon shard]}
//   words/N.json    [[word, stem or "" when the word is its own stem], ...]
//   stems/N.bin     the postings of the stems whose FNV-1a hash names
//                   bucket N (see postings)
//   docs/N.json     records N*group.., each [kind, title, path, lesson or
//                   (a question) its write-up's record, meta, excerpt]
//   lengths.bin     each record's length in words, a byte (8 log2(1 + n))
// A query word finds its stem in the lexicon (so "deploying" finds
// "deployed"), words that start with it, and, when it is found nowhere,
// another form of it or words one typo away (see expand); every word must
// match (AND), and results are ranked by BM25: the sum of each word's
// term weight (from its count and the record's length) times its rarity.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("gs-search-status");
  var list = document.getElementById("gs-search-results");
  var more = document.getElementById("gs-search-more");
  var data = form.dataset;
  var FORMAT = 2;
  var K1 = 1.2, B = 0.75; // BM25's usual parameters
  var PAGE = 10; // results shown at a time
  var MAX_TERMS = 8; // words of a query that are looked up
  var MAX_SHARDS = 3; // lexicon shards a word's beginning may span
  var MAX_STEMS = 8; // stems a word's beginning may stand for
  var SNIPPET = 30; // words in a snippet
  var meta = null;
  var ready = null; // meta.json and lengths.bin, loading or loaded
  var lengths = null; // record -> length in words
  var average = 1;
  var files = {};
  var current = 0; // the query being answered; older answers are dropped
  var hits = [];
  var shown = 0;
  var marks = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // Split before folding, as the build does: a decomposed accent stays
  // inside its word.
  function words(text) {
    return text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map(fold).filter(Boolean);
  }
  function load(path) {
    if (!files[path]) {
      var version = meta ? "?v=" + meta.version : "";
      var binary = /\.bin$/.test(path);
      files[path] = fetch(data.index + path + version, { cache: meta ? "default" : "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error(path + ": " + response.status);
          return binary ? response.arrayBuffer().then(parse) : response.json();
        });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  // The shard whose first key is the greatest not after `key`.
  function shardOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }
  // A stem's bucket: FNV-1a of its UTF-8 bytes, as the build computes it.
  function bucketOf(stem) {
    var bytes = new TextEncoder().encode(stem), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 16777619) >>> 0;
    return hash & (meta.buckets - 1);
  }
  // stems/N.bin -> {stem: postings bytes}: each stem as varint(key length),
  // key, varint(postings), varint(bytes), postings.
  function parse(buffer) {
    var bytes = new Uint8Array(buffer), at = 0, out = {};
    var decoder = new TextDecoder();
    function varint() {
      var value = 0, shift = 0, b;
      do { b = bytes[at++]; value += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      return value;
    }
    while (at < bytes.length) {
      var keyLength = varint();
      var key = decoder.decode(bytes.subarray(at, at + keyLength));
      at += keyLength;
      var count = varint(), size = varint();
      out[key] = { count: count, bytes: bytes.subarray(at, at + size) };
      at += size;
    }
    return out;
  }
  // Calls visit(record, count) for each posting: varint(gap * 4 + c), the
  // gap from the record before (the first from 0), c the count less one,
  // or 3 with the count in the next byte.
  function postings(list, visit) {
    var bytes = list.bytes, at = 0, doc = 0;
    while (at < bytes.length) {
      var value = 0, shift = 0, b;
      do { b = bytes[at++]; value += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      doc += Math.floor(value / 4);
      var c = value % 4;
      visit(doc, c === 3 ? bytes[at++] : c + 1);
    }
  }
  // Optimal string alignment distance, given up past `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = d;
        best = Math.min(best, d);
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }
  // How many characters two words share at their start.
  function shared(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }
  // The stems a query word stands for, each with how much a match counts:
  // the word itself 1; a longer word it begins 0.7; else the words that
  // share the longest beginning with it, at least half of it (another
  // form of the word, when the site never writes this one: "rehearsing"
  // finds "rehearse") 0.6; else words one typo away (two for long words)
  // 0.5.
  function expand(term) {
    var root = term.length >= 5 ? term.slice(0, Math.max(4, Math.ceil(term.length / 2))) : term;
    var first = shardOf(meta.words, root);
    var last = Math.min(shardOf(meta.words, term + "\uffff"), first + MAX_SHARDS - 1);
    var shards = [];
    for (var s = first; s <= last; s++) shards.push(load("words/" + s + ".json"));
    return Promise.all(shards).then(function (loaded) {
      var all = [].concat.apply([], loaded);
      var stems = {}, found = [], exact = null, prefixed = [], kin = [], longest = root.length;
      all.forEach(function (entry) {
        var word = entry[0], stem = entry[1] || entry[0];
        if (word === term) exact = stem;
        else if (term.length >= 3 && word.lastIndexOf(term, 0) === 0) prefixed.push([word, stem]);
        else if (term.length >= 5) {
          var n = shared(word, term);
          if (n > longest) { longest = n; kin = []; }
          if (n === longest) kin.push([word, stem]);
        }
      });
      function add(pair, weight) {
        if (Object.keys(stems).length >= MAX_STEMS || pair[1] in stems) return;
        stems[pair[1]] = weight;
        found.push(pair[0]);
      }
      if (exact !== null) add([term, exact], 1);
      prefixed.sort(function (a, b) { return a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
      prefixed.forEach(function (pair) { add(pair, 0.7); });
      if (!found.length) kin.forEach(function (pair) { add(pair, 0.6); });
      if (!found.length && term.length >= 4) {
        var limit = term.length >= 8 ? 2 : 1;
        all.forEach(function (entry) {
          if (distance(term, entry[0], limit) <= limit) add([entry[0], entry[1] || entry[0]], 0.5);
        });
      }
      return { stems: stems, words: found };
    });
  }
  // Record -> score for one query word: the best of its stems.
  function scores(expanded) {
    var names = Object.keys(expanded.stems);
    return Promise.all(names.map(function (stem) {
      return load("stems/" + bucketOf(stem) + ".bin").then(function (bucket) {
        return bucket[stem] || { count: 0, bytes: new Uint8Array(0) };
      });
    })).then(function (lists) {
      var best = {};
      lists.forEach(function (list, n) {
        var df = list.count;
        var idf = Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
        var factor = expanded.stems[names[n]];
        postings(list, function (doc, tf) {
          var norm = K1 * (1 - B + B * lengths[doc] / average);
          var score = factor * idf * tf * (K1 + 1) / (tf + norm);
          if (!(doc in best) || best[doc] < score) best[doc] = score;
        });
      });
      return best;
    });
  }
  function search(terms) {
    return Promise.all(terms.map(expand)).then(function (expanded) {
      return Promise.all(expanded.map(scores)).then(function (perTerm) {
        var total = perTerm[0];
        for (var t = 1; t < perTerm.length; t++) {
          var next = {};
          for (var doc in total) if (doc in perTerm[t]) next[doc] = total[doc] + perTerm[t][doc];
          total = next;
        }
        var found = Object.keys(total).map(function (doc) {
          return { doc: Number(doc), score: total[doc] };
        });
        found.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        var matched = [];
        expanded.forEach(function (e) {
          matched = matched.concat(e.words, Object.keys(e.stems));
        });
        return { hits: found, marks: matched };
      });
    });
  }
  function isMark(word) {
    var folded = fold(word);
    for (var i = 0; i < marks.length; i++) {
      if (folded === marks[i] || (marks[i].length >= 3 && folded.lastIndexOf(marks[i], 0) === 0)) return true;
    }
    return false;
  }
  // A few words of `text` around its first match, matches in <mark>.
  function snippet(text) {
    var pattern = /[\p{L}\p{N}\p{M}]+/gu, found, all = [];
    while ((found = pattern.exec(text))) all.push([found.index, found[0]]);
    var at = 0;
    for (var i = 0; i < all.length; i++) if (isMark(all[i][1])) { at = i; break; }
    var from = Math.max(0, at - 8), to = Math.min(all.length, from + SNIPPET);
    var p = document.createElement("p");
    p.className = "snippet";
    if (!all.length) return p;
    var start = all[from][0];
    var end = to < all.length ? all[to][0] : text.length;
    var cursor = start;
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var w = from; w < to; w++) {
      if (!isMark(all[w][1])) continue;
      p.appendChild(document.createTextNode(text.slice(cursor, all[w][0])));
      var mark = document.createElement("mark");
      mark.textContent = all[w][1];
      p.appendChild(mark);
      cursor = all[w][0] + all[w][1].length;
    }
    p.appendChild(document.createTextNode(text.slice(cursor, end).replace(/\s+$/, "")));
    if (to < all.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }
  // Appends `text` to `node`, the words the query matched in <mark>: the
  // title and lesson show them too (the excerpt may not hold them).
  function appendMarked(node, text) {
    var pattern = /[\p{L}\p{N}\p{M}]+/gu, found, cursor = 0;
    while ((found = pattern.exec(text))) {
      if (!isMark(found[0])) continue;
      node.appendChild(document.createTextNode(text.slice(cursor, found.index)));
      var mark = document.createElement("mark");
      mark.textContent = found[0];
      node.appendChild(mark);
      cursor = found.index + found[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(cursor)));
  }
  // Record n, with a question's write-up's lesson and title filled in.
  function record(n) {
    var group = meta.group;
    return load("docs/" + Math.floor(n / group) + ".json").then(function (docs) {
      var entry = docs[n % group];
      if (typeof entry[3] !== "number") return entry;
      return record(entry[3]).then(function (parent) {
        return [entry[0], entry[1], entry[2], parent[3], parent[1], entry[5]];
      });
    });
  }
  function item(record) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = data.base + record[2];
    appendMarked(a, record[1]);
    var h = document.createElement("h2");
    h.appendChild(a);
    li.appendChild(h);
    if (record[4]) {
      var src = document.createElement("p");
      src.className = "src";
      src.textContent = record[4];
      li.appendChild(src);
    }
    if (record[3]) {
      var p = document.createElement("p");
      p.className = "card-lesson";
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = data.lesson;
      p.appendChild(label);
      appendMarked(p, " " + record[3]);
      li.appendChild(p);
    }
    if (record[5]) li.appendChild(snippet(record[5]));
    return li;
  }
  function say(template, n, query) {
    return template.replace("{n}", n).replace("{query}", query);
  }
  // Shows the next page of results; `focus` moves focus to the first of
  // them (after "more results", whose button may then disappear).
  function showMore(query, focus) {
    var page = hits.slice(shown, shown + PAGE);
    var asked = current;
    return Promise.all(page.map(function (hit) { return record(hit.doc); }))
      .then(function (records) {
        if (asked !== current) return;
        var fragment = document.createDocumentFragment();
        records.forEach(function (record) { fragment.appendChild(item(record)); });
        var firstNew = fragment.firstChild;
        list.appendChild(fragment);
        shown += page.length;
        more.hidden = shown >= hits.length;
        if (focus && firstNew) firstNew.querySelector("a").focus();
      });
  }
  function fail() {
    status.textContent = data.failed;
  }
  function run() {
    var query = input.value.trim();
    var terms = words(query).slice(0, MAX_TERMS);
    var asked = ++current;
    if (!terms.length) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = data.prompt;
      return;
    }
    start().then(function () {
      return search(terms);
    }).then(function (result) {
      if (asked !== current) return;
      hits = result.hits;
      marks = result.marks;
      shown = 0;
      list.textContent = "";
      var n = hits.length;
      status.textContent = say(n === 0 ? data.none : n === 1 ? data.one : data.other, n, query);
      return showMore(query, false);
    }).catch(fail);
  }
  // meta.json and lengths.bin, once (a failure lets the next query retry).
  function start() {
    if (!ready) {
      ready = load("meta.json").then(function (loaded) {
        if (loaded.format !== FORMAT) throw new Error("index format " + loaded.format);
        meta = loaded;
        return fetch(data.index + "lengths.bin?v=" + meta.version);
      }).then(function (response) {
        if (!response.ok) throw new Error("lengths.bin: " + response.status);
        return response.arrayBuffer();
      }).then(function (buffer) {
        var codes = new Uint8Array(buffer), sum = 0;
        lengths = new Float64Array(codes.length);
        for (var i = 0; i < codes.length; i++) {
          lengths[i] = Math.pow(2, codes[i] / 8) - 1;
          sum += lengths[i];
        }
        average = Math.max(1, sum / Math.max(1, codes.length));
      }).catch(function (error) {
        ready = null;
        meta = null;
        delete files["meta.json"];
        throw error;
      });
    }
    return ready;
  }
  function remember() {
    var url = new URL(window.location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember();
    run();
  });
  input.addEventListener("input", function () { remember(); run(); });
  more.addEventListener("click", function () {
    showMore(input.value.trim(), true).catch(fail);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run();
  }
})();
