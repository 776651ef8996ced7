/* honlea-kg site script: reveal a linked fragment inside folded sections, copy buttons, charts.
   Plain ES5, no dependencies besides the vendored Vega-Lite (vendor/charts/) on pages with charts. */
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    var opened = false;
    for (var d = el.parentElement; d; d = d.parentElement) {
      if (d.tagName === "DETAILS" && !d.open) { d.open = true; opened = true; }
    }
    if (opened) { el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!b) { return; }
    var source = document.getElementById(b.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent).then(function () {
        b.setAttribute("data-copied", "true");
      }, function () {});
    }
  });

  var charts = document.querySelectorAll("[data-vl-spec]");
  if (!charts.length) { return; }
  if (!window.vegaEmbed) {
    for (var i = 0; i < charts.length; i++) {
      charts[i].textContent = "The chart library did not load; the chart's data are in the table below.";
    }
    return;
  }
  Array.prototype.forEach.call(charts, function (el) {
    window.vegaEmbed(el, el.getAttribute("data-vl-spec"), { actions: false, renderer: "svg" })
      .then(function () { el.setAttribute("data-rendered", "true"); })
      .catch(function (err) {
        el.textContent = "The chart could not be drawn (" + err.message + "); its data are in the table below.";
        el.setAttribute("data-rendered", "error");
      });
  });
})();
