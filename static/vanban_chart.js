// Draws one indicator over time with the locally served Chart.js; every point links to the
// sentence it was read from (the data sits in <script id="chart-data"> as JSON).
(function () {
  "use strict";
  var canvas = document.getElementById("chart");
  var source = document.getElementById("chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var series = JSON.parse(source.textContent);
  var colours = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085"];
  var day = 24 * 3600 * 1000;
  var datasets = series.map(function (s, i) {
    return {
      label: s.label,
      data: s.points.map(function (p) {
        return { x: Date.parse(p.x), y: p.y, href: p.href, text: p.text };
      }),
      borderColor: colours[i % colours.length],
      backgroundColor: colours[i % colours.length],
      pointRadius: 6,
      pointHoverRadius: 9,
      showLine: true,
    };
  });
  // Pad the time axis by a month each side, so that a lone point is not drawn on the edge.
  var xs = [];
  datasets.forEach(function (d) { d.data.forEach(function (p) { xs.push(p.x); }); });
  var pad = 30 * day;
  var xMin = Math.min.apply(null, xs) - pad;
  var xMax = Math.max.apply(null, xs) + pad;
  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }
  var chart = new Chart(canvas, {
    type: "scatter",
    data: { datasets: datasets },
    options: {
      animation: false,
      scales: {
        x: { type: "linear", min: xMin, max: xMax, ticks: { callback: isoDay, maxTicksLimit: 8 } },
        y: { beginAtZero: true },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (ctx) {
              var p = ctx.raw;
              return isoDay(p.x) + ": " + p.y.toLocaleString("vi-VN") + " (" + ctx.dataset.label + ")";
            },
            afterLabel: function (ctx) {
              return ctx.raw.text;
            },
          },
        },
      },
      onHover: function (event, elements) {
        canvas.style.cursor = elements.length ? "pointer" : "default";
      },
      onClick: function (event, elements) {
        if (!elements.length) return;
        var element = elements[0];
        var point = datasets[element.datasetIndex].data[element.index];
        window.location.href = point.href;
      },
    },
  });
  canvas.dataset.points = String(
    datasets.reduce(function (n, d) { return n + d.data.length; }, 0)
  );
  window.vanbanChart = chart;
})();
