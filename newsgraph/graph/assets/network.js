// newsgraph entity network: draws the embedded data as SVG, offline, with no library.
// Positions come precomputed (seeded layout in Python); this script only draws and interacts.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var details = document.getElementById("details");
  var RTL = /^[^A-Za-z\u00C0-\u024F\u0400-\u04FF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
    return e;
  }
  function mixed(tag, parts, attrs) {   // parts: strings, or [label] for a label isolated in <bdi>
    var e = html(tag, null, attrs);
    parts.forEach(function (p) { e.appendChild(typeof p === "string" ? document.createTextNode(p) : html("bdi", p[0])); });
    return e;
  }
  function tail(iri) { return iri ? iri.replace(/\/+$/, "").split("/").pop() : "reference knowledge"; }
  function fmt(x) { return (Math.round(x * 1000) / 1000).toString(); }
  function kindList(kinds) {
    return Object.keys(kinds).map(function (k) { return k.replace(/_/g, " ") + " ×" + kinds[k]; }).join(", ");
  }

  // --- the drawing ------------------------------------------------------------------------------
  var view = { x: -90, y: -20, w: data.width + 180, h: data.height + 40 };   // room for long labels at the edges
  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    svg.classList.toggle("far", view.w > data.width * 0.6);   // minor labels only when zoomed in
  }
  applyView();
  var gEdges = el("g", { "class": "edges" }, svg);
  var gNodes = el("g", { "class": "nodes" }, svg);
  var nodeEls = [], edgeEls = [], neighbours = data.nodes.map(function () { return []; });

  data.edges.forEach(function (e, i) {
    var a = data.nodes[e.s], b = data.nodes[e.t];
    var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "class": "edge",
      stroke: data.kinds[e.kind] || "#999", "stroke-width": e.width, "data-index": i }, gEdges);
    edgeEls.push(line);
    neighbours[e.s].push(i); neighbours[e.t].push(i);
    line.addEventListener("mousemove", function (ev) {
      showTip(ev, a.label + " — " + b.label + "\n" + kindList(e.kinds) + " (weight " + e.weight + ")");
    });
    line.addEventListener("mouseleave", hideTip);
    line.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(i); });
  });

  data.nodes.forEach(function (n, i) {
    var g = el("g", { "class": n.major ? "node" : "node minor", "data-id": n.id }, gNodes);
    el("circle", { cx: n.x, cy: n.y, r: n.r, fill: data.categories[n.category] || "#888" }, g);
    var t = el("text", { x: n.x, y: n.y - n.r - 3, "text-anchor": "middle" }, g);
    t.textContent = n.label;
    if (RTL.test(n.label)) t.setAttribute("direction", "rtl");
    nodeEls.push(g);
    g.addEventListener("mousemove", function (ev) {
      showTip(ev, n.label + "\n" + n.category + (n.type && n.type !== n.category ? " (" + n.type + ")" : "") +
        "\nmentions " + n.mentions + " in " + n.articles + " article(s)\nPageRank " + fmt(n.pagerank) +
        ", degree " + n.links);
    });
    g.addEventListener("mouseleave", hideTip);
    g.addEventListener("click", function (ev) { ev.stopPropagation(); showNode(i); });
  });

  // --- tooltip and side panel -------------------------------------------------------------------
  function showTip(ev, text) {
    var box = svg.getBoundingClientRect();
    tip.textContent = "";
    text.split("\n").forEach(function (line, k) { if (k) tip.appendChild(html("br")); tip.appendChild(document.createTextNode(line)); });
    tip.style.left = (ev.clientX - box.left + 12) + "px";
    tip.style.top = (ev.clientY - box.top + 12) + "px";
    tip.style.display = "block";
  }
  function hideTip() { tip.style.display = "none"; }

  function clearMarks() {
    nodeEls.forEach(function (g) { g.classList.remove("dim", "hit", "near"); });
    edgeEls.forEach(function (l) { l.classList.remove("dim", "on"); });
  }
  function showEdge(i) {
    var e = data.edges[i], a = data.nodes[e.s], b = data.nodes[e.t];
    clearMarks(); edgeEls[i].classList.add("on");
    details.textContent = "";
    details.appendChild(mixed("h2", [[a.label], " — ", [b.label]]));
    details.appendChild(html("p", kindList(e.kinds) + "; weight " + e.weight));
    e.evidence.forEach(function (ev) {
      var box = html("div", null, { "class": "ev" });
      var from = data.nodes[data.index[ev.source]], to = data.nodes[data.index[ev.target]];
      var parts = [ev.kind.replace(/_/g, " ")];
      if (ev.kind !== "co_mention" && from && to) parts.push(": ", [from.label], " → ", [to.label]);
      parts.push(" · " + tail(ev.article) + (ev.begin !== null && ev.begin !== undefined ? " [" + ev.begin + "–" + ev.end + "]" : ""));
      box.appendChild(mixed("div", parts, { "class": "k" }));
      if (ev.text) box.appendChild(html("p", ev.text, { dir: "auto" }));
      details.appendChild(box);
    });
    if (e.weight > e.evidence.length) details.appendChild(html("p", "… and " + (e.weight - e.evidence.length) + " more."));
  }
  function showNode(i) {
    var n = data.nodes[i];
    clearMarks();
    var near = {}; near[i] = true;
    neighbours[i].forEach(function (k) { var e = data.edges[k]; near[e.s] = near[e.t] = true; edgeEls[k].classList.add("on"); });
    nodeEls.forEach(function (g, k) { g.classList.add(near[k] ? "near" : "dim"); });
    edgeEls.forEach(function (l, k) { if (neighbours[i].indexOf(k) < 0) l.classList.add("dim"); });
    details.textContent = "";
    details.appendChild(html("h2", n.label, { dir: "auto" }));
    details.appendChild(html("p", n.category + (n.type && n.type !== n.category ? " · " + n.type : "") + " · mentions " + n.mentions +
      " in " + n.articles + " article(s) · PageRank " + fmt(n.pagerank) + " · betweenness " + fmt(n.betweenness)));
    details.appendChild(html("code", n.id));
    var list = html("ul");
    neighbours[i].slice().sort(function (x, y) { return data.edges[y].weight - data.edges[x].weight; }).forEach(function (k) {
      var e = data.edges[k], other = data.nodes[e.s === i ? e.t : e.s];
      var item = mixed("li", [[other.label], " — " + kindList(e.kinds)]);
      item.style.cursor = "pointer";
      item.addEventListener("click", function () { showEdge(k); });
      list.appendChild(item);
    });
    details.appendChild(list);
  }
  svg.addEventListener("click", function () { clearMarks(); });

  // --- search -----------------------------------------------------------------------------------
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    clearMarks();
    if (!q) return;
    var hits = 0;
    data.nodes.forEach(function (n, k) {
      var hit = n.label.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0;
      nodeEls[k].classList.add(hit ? "hit" : "dim");
      if (hit) hits += 1;
    });
    edgeEls.forEach(function (l) { l.classList.add("dim"); });
    document.body.setAttribute("data-search-hits", hits);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var q = search.value.trim().toLowerCase();
    for (var k = 0; k < data.nodes.length; k++) {
      if (data.nodes[k].label.toLowerCase().indexOf(q) >= 0) {
        view.x = data.nodes[k].x - view.w / 2; view.y = data.nodes[k].y - view.h / 2; applyView(); showNode(k); break;
      }
    }
  });

  // --- pan and zoom -----------------------------------------------------------------------------
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y }; svg.classList.add("dragging"); });
  window.addEventListener("mouseup", function () { drag = null; svg.classList.remove("dragging"); });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var scale = view.w / svg.getBoundingClientRect().width;
    view.x = drag.vx - (ev.clientX - drag.x) * scale; view.y = drag.vy - (ev.clientY - drag.y) * scale; applyView();
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect(), f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    var px = view.x + (ev.clientX - box.left) / box.width * view.w, py = view.y + (ev.clientY - box.top) / box.height * view.h;
    view.w *= f; view.h *= f; view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; applyView();
  }, { passive: false });

  // --- legend and counts ------------------------------------------------------------------------
  var legend = document.getElementById("legend");
  Object.keys(data.categories).forEach(function (c) {
    if (!data.nodes.some(function (n) { return n.category === c; })) return;
    var row = html("div"); var sw = html("span", null, { "class": "sw" }); sw.style.background = data.categories[c];
    row.appendChild(sw); row.appendChild(document.createTextNode(c)); legend.appendChild(row);
  });
  Object.keys(data.kinds).forEach(function (k) {
    if (!data.edges.some(function (e) { return e.kind === k; })) return;
    var row = html("div"); var ln = html("span", null, { "class": "ln" }); ln.style.background = data.kinds[k];
    row.appendChild(ln); row.appendChild(document.createTextNode(k.replace(/_/g, " "))); legend.appendChild(row);
  });
  legend.appendChild(html("p", "Size: PageRank. Links are coloured by their strongest kind; the tooltip lists all."));
  var info = data.nodes.length + " entities, " + data.edges.length + " links from " + data.articles + " article(s)";
  if (data.left_out.nodes || data.left_out.edges) {
    info += " — the " + data.nodes.length + " most central shown; " + data.left_out.nodes + " entities and " +
      data.left_out.edges + " links left out";
  }
  document.getElementById("info").textContent = info;
  // a link to a view: page.html#entity=<label or IRI>, #link=<label or IRI>|<label or IRI>, #search=<text>
  function find(name) {
    for (var k = 0; k < data.nodes.length; k++) if (data.nodes[k].id === name || data.nodes[k].label === name) return k;
    return -1;
  }
  function openHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, "")), m;
    if ((m = /^entity=(.+)$/.exec(h)) && find(m[1]) >= 0) showNode(find(m[1]));
    if ((m = /^search=(.+)$/.exec(h))) { search.value = m[1]; search.dispatchEvent(new Event("input")); }
    if ((m = /^link=([^|]+)\|(.+)$/.exec(h))) {
      var a = find(m[1]), b = find(m[2]);
      data.edges.forEach(function (e, k) { if ((e.s === a && e.t === b) || (e.s === b && e.t === a)) showEdge(k); });
    }
  }
  window.addEventListener("hashchange", openHash);
  openHash();
  document.body.setAttribute("data-drawn-nodes", gNodes.querySelectorAll("circle").length);
  document.body.setAttribute("data-drawn-edges", gEdges.querySelectorAll("line").length);
})();
