/* Whole concept names first (hooks/conceptbook/searchindex/worker.py puts this file in
   front of Material's search worker when the site is built).

   Material's worker adds a trailing wildcard to every word of a query ("id" is searched
   as "id*"), and lunr scores every word the wildcard reaches like the word typed. So "id"
   listed Idealization (with its spelling "idealisation", two words starting with "id")
   above Id, and "id ego superego" put Idealization second. Material 9.8 has no setting
   for the query, so this script orders the worker's answer instead, with the concepts'
   one-word names (the `concept_name` field, hooks/conceptbook/searchindex/alternates.py)
   that the worker is given with the index:

   - a concept page whose name only starts with a word of the query that is itself a
     concept's name (Idealization, for "id") goes after every other result;
   - for a one-word query, the page of the concept it names (Id) goes first.

   Nothing else moves: a query with no concept's name in it keeps Material's order. */
(function () {
  "use strict";

  var namesAt = Object.create(null); // page location -> its concept's one-word names
  var isName = Object.create(null); // every concept's one-word name
  var asked = []; // the queries the worker has not answered yet, oldest first

  function learn(docs) {
    namesAt = Object.create(null);
    isName = Object.create(null);
    (docs || []).forEach(function (doc) {
      var names = String(doc.concept_name || "").split(/\s+/).filter(Boolean);
      if (!names.length) return;
      namesAt[doc.location] = names;
      names.forEach(function (name) { isName[name] = true; });
    });
  }

  function words(query) {
    return String(query).toLowerCase().split(/[\s\-–—/]+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(Boolean);
  }

  /* 0: the page of a concept the query names (one-word queries); 1: any other result;
     2: a concept page whose name only starts with a concept's name in the query. */
  function place(group, typed, named, single) {
    var names = namesAt[String(group[0].location).split("#")[0]];
    if (!names) return 1;
    if (single && names.indexOf(typed[0]) >= 0) return 0;
    var exact = names.some(function (name) { return typed.indexOf(name) >= 0; });
    var longer = names.some(function (name) {
      return named.some(function (word) { return name !== word && name.indexOf(word) === 0; });
    });
    return longer && !exact ? 2 : 1;
  }

  function reorder(groups, query) {
    var typed = words(query);
    var named = typed.filter(function (word) { return isName[word] === true; });
    if (!named.length || !Array.isArray(groups)) return groups;
    var single = typed.length === 1;
    return groups
      .map(function (group, index) { return {group: group, index: index, place: place(group, typed, named, single)}; })
      .sort(function (a, b) { return a.place - b.place || a.index - b.index; })
      .map(function (entry) { return entry.group; });
  }

  /* Material's worker listens with addEventListener("message", ...), reading event.data
     ({type: 0, data: {docs, ...}} to build the index, {type: 2, data: query} to search),
     and answers each search in turn with postMessage({type: 3, data: {items: groups}}).
     The same holds in the iframe that stands in for a worker offline
     (iframe-worker-shim.js), where `self` is that iframe's window. */
  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && typeof listener === "function") {
      var handle = listener;
      listener = function (event) {
        var message = event.data;
        if (message && message.type === 0 && message.data) learn(message.data.docs);
        if (message && message.type === 2) asked.push(message.data);
        return handle.apply(this, arguments);
      };
    }
    return listen.call(self, type, listener, options);
  };
  var send = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === 3 && asked.length) {
      var query = asked.shift();
      if (message.data && Array.isArray(message.data.items)) {
        message = {type: 3, data: Object.assign({}, message.data, {items: reorder(message.data.items, query)})};
      }
    }
    return send.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
})();
