// growthsite search: the only script of the default theme, loaded by
// /search/ alone. It fetches search/index.json once (records of
// [kind, title, path, lesson, strategies, date, text]), keeps the records
// whose fields hold every word of the query (as a word or a word's start),
// ranks them by where the words are found, and lists them in a live region.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("gs-search-status");
  var list = document.getElementById("gs-search-results");
  var data = form.dataset;
  var WEIGHTS = [8, 5, 3, 1]; // title, lesson, strategies (or write-up), text
  var SHOWN = 50;
  var docs = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function prepare(raw) {
    return raw.map(function (r) {
      return {
        kind: r[0], title: r[1], path: r[2], lesson: r[3], group: r[4], date: r[5],
        fields: [words(r[1]), words(r[3]), words(r[4]), words(r[6])]
      };
    });
  }
  function score(doc, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var f = 0; f < doc.fields.length; f++) {
        var field = doc.fields[f];
        for (var w = 0; w < field.length; w++) {
          if (field[w] === terms[i]) { best = Math.max(best, WEIGHTS[f] + 1); break; }
          if (field[w].lastIndexOf(terms[i], 0) === 0) best = Math.max(best, WEIGHTS[f]);
        }
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }
  function say(template, n, query) {
    return template.replace("{n}", n).replace("{query}", query);
  }
  function item(doc) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = data.base + doc.path;
    a.textContent = doc.title;
    var h = document.createElement("h2");
    h.appendChild(a);
    li.appendChild(h);
    if (doc.date || doc.group) {
      var src = document.createElement("p");
      src.className = "src";
      src.textContent = [doc.date, doc.group].filter(Boolean).join(" · ");
      li.appendChild(src);
    }
    if (doc.lesson) {
      var p = document.createElement("p");
      p.className = "card-lesson";
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = data.lesson;
      p.appendChild(label);
      p.appendChild(document.createTextNode(" " + doc.lesson));
      li.appendChild(p);
    }
    return li;
  }
  function run() {
    var query = input.value.trim();
    var terms = words(query);
    list.textContent = "";
    if (!terms.length) { status.textContent = data.prompt; return; }
    if (!docs) return;
    var hits = [];
    for (var i = 0; i < docs.length; i++) {
      var s = score(docs[i], terms);
      if (s) hits.push({ doc: docs[i], score: s, order: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var n = hits.length;
    status.textContent = say(n === 0 ? data.none : n === 1 ? data.one : data.other, n, query);
    var fragment = document.createDocumentFragment();
    hits.slice(0, SHOWN).forEach(function (hit) { fragment.appendChild(item(hit.doc)); });
    list.appendChild(fragment);
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
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) input.value = initial;
  fetch(data.index)
    .then(function (response) { return response.json(); })
    .then(function (index) { docs = prepare(index.docs); run(); });
})();
