/* The site's search worker: mkdocs-material's own (loaded unchanged, its file name given as
   ?theme=), with three changes to how its lunr index reads words and ranks pages. The index's
   hidden fields are written at build time by src/atlas/search (see there for the words);
   tests/test_search.py asks this worker every name and date of the atlas, in the browser.

   Why the page an entry's name names did not come first: lunr matches each query word as a prefix
   (the theme appends "*"), and scores each word of the index it expands to by its rarity (idf).
   "아산*" expands to 아산시 — a word of many pages, so worth little — and to 아산시의회,
   아산캠퍼스, rare words in a few titles, worth much: the pages whose names merely begin with the
   query came first. Nothing in a prefix query can ask for "this word and no longer". So each query
   also asks for itself as one whole word, marked: its words joined without separators, then "__"
   (an entry's name) or "_" (its other names; the key of a date) — words only the page of the entry
   of that name holds, in its boosted `names` field (atlas.search.enrich). A query that reads as a
   date ("2025년 11월", "2025.11", "11월 20일", "Nov 2025") asks for the key of that date instead:
   the events of that date, then the pages that print it.

   "&amp;" inside a word of the (HTML-escaped) text is read as "&", so R&D is one word, typed or
   indexed, and no word ends inside an entity (results and suggestions show names whole).

   And "~" in a query separates words, as in the index, instead of asking lunr for a fuzzy match. */
(function () {
  "use strict";
  var theme = /[?&]theme=(search\.[0-9a-z]+\.min\.js)(?:&|$)/.exec(self.location.search);
  if (!theme) { throw new Error("atlas-search.js: ?theme=<the theme's search worker> is missing"); }
  importScripts(theme[1]);
  var lunr = self.lunr;

  var NAME = 100, OTHER = 60, START = 20, DATE_TEXT = 3000, NUMBERS = 0.001;  // clause boosts (addWholeClauses)
  var MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
    nov: 11, dec: 12, january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8,
    september: 9, october: 10, november: 11, december: 12 };

  /* The key of the date the query's words name ("" if they are not all parts of one date):
     year "2025", month "202511", day "20251120", month and day "m1120" (atlas/search/dates.py). */
  function dateKey(words) {
    var year = "", month = "", day = "", bare = [], named = false;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (MONTHS.hasOwnProperty(word)) {
        if (month) { return ""; }
        month = String(MONTHS[word]); named = true; continue;
      }
      if (!/^[0-9년월일]+$/.test(word)) { return ""; }
      var piece, pieces = /(\d{1,4})(년|월|일)?/g;
      while ((piece = pieces.exec(word))) {
        var unit = piece[2] === "년" ? "year" : piece[2] === "월" ? "month" : piece[2] === "일" ? "day" : "";
        if (!unit) { bare.push(piece[1]); continue; }
        if ((unit === "year" && year) || (unit === "month" && month) || (unit === "day" && day)) { return ""; }
        if (unit === "year") { year = piece[1]; } else if (unit === "month") { month = piece[1]; } else { day = piece[1]; }
      }
    }
    for (var j = 0; j < bare.length; j++) {  // ISO order: year, month, day (day only, after a month's name)
      var n = bare[j];
      if (n.length === 4 && !year) { year = n; } else if (n.length <= 2 && !month && !named) { month = n; }
      else if (n.length <= 2 && month && !day) { day = n; } else { return ""; }
    }
    if ((year && !/^[12]\d{3}$/.test(year)) || (month && !(+month >= 1 && +month <= 12)) ||
        (day && !(+day >= 1 && +day <= 31)) || (day && !month) || (!year && !(month && day))) { return ""; }
    var mm = ("0" + month).slice(-2), dd = ("0" + day).slice(-2);
    return year ? year + (month ? mm + (day ? dd : "") : "") : "m" + mm + dd;
  }

  /* The clauses that rank first the entry a query names, whole (its name: NAME, its other names:
     OTHER, a name it begins: START), or the events of the date it names and the pages printing it.
     Boosts: NAME × the names field's 500 × the idf of a word of one page (≈ 6–10) outweighs any sum
     of prefix matches in titles (1000 × a rare word's idf, a few times over); a date in a page's text
     is in `keywords` (boost 1), hence DATE_TEXT; the other pages a date query finds (words that
     begin with its numbers) come after every page that holds the date. */
  function addWholeClauses(query, words) {
    if (!words.length) { return; }
    var date = dateKey(words);
    if (date) {  // the theme's clauses ("2025*", "11*") match every number: they only order what follows
      for (var i = 0; i < query.clauses.length; i++) { query.clauses[i].boost *= NUMBERS; }
      query.clause({ term: date + "_", boost: OTHER, usePipeline: false });
      query.clause({ term: date + "_", boost: DATE_TEXT, usePipeline: false, fields: ["keywords"] });
      return;
    }
    var whole = words.join("").replace(/^[^\w가-힣]+/, "").replace(/_+$/, "");
    if (!whole) { return; }
    query.clause({ term: whole + "__", boost: NAME, usePipeline: false });
    query.clause({ term: whole + "_", boost: OTHER, usePipeline: false });
    if (words.length > 1) {
      query.clause({ term: whole, boost: START, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING,
                     fields: ["names"] });
    }
  }

  /* The words a reader typed, from the query the theme made of them: it appends "*" to each, and
     repeats a part that lunr splits at hyphens once per piece ("2025-11-20" → three times
     "2025-11-20*"), so repeated parts count once. [] if a word is negated, fuzzy or a wildcard. */
  function typedWords(queryString) {
    var words = [], previous = null, parts = queryString.split(/\s+/);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i] || parts[i] === previous) { continue; }
      previous = parts[i];
      var query = new lunr.Query([]);
      new lunr.QueryParser(parts[i], query).parse();
      for (var j = 0; j < query.clauses.length; j++) {
        var clause = query.clauses[j], word = clause.term.replace(/\*$/, "");
        if (clause.presence === lunr.Query.presence.PROHIBITED) { continue; }
        if (!word || word.indexOf("*") !== -1 || clause.editDistance) { return []; }
        words.push.apply(words, word.split(lunr.tokenizer.separator).filter(Boolean));  // "2025)" → "2025"
      }
    }
    return words;
  }

  lunr.Index.prototype.search = function (queryString) {
    // "~" is lunr's fuzzy-match operator, but in Korean text a range ("(2020~2025)", a programme's
    // name): lunr would expand "2020~2025" to every word within 2,025 edits and exhaust the worker's
    // memory. Here it separates words, as it does in the index.
    queryString = String(queryString).replace(/~/g, " ");
    return this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
      addWholeClauses(query, typedWords(queryString));
    });
  };

  /* "&amp;" in an indexed word is "&" (after lunr's trimmer, a word may end in "&amp") */
  function ampersand(token) {
    return token.update(function (word) { return word.indexOf("&amp") === -1 ? word : word.replace(/&amp;?/g, "&"); });
  }
  lunr.Pipeline.registerFunction(ampersand, "atlas-ampersand");
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(ampersand) === -1) { this.pipeline.add(ampersand); }
    return add.call(this, doc, attributes);
  };
})();
