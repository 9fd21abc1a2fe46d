// The reports' charts: each <canvas data-chart="{...}"> holds its labels and series (written by
// the server); Chart.js (served from node_modules at /console/vendor/chart.umd.min.js) draws them.
// The tables and lists beside each chart carry the same numbers for reading and screen readers.
(function () {
  'use strict';
  if (!window.Chart) return;
  var palette = ['#0b4f8a', '#1d6b37', '#a3161a', '#6b5b00', '#5b3a8a', '#00666b'];
  window.Chart.defaults.font.size = 13;
  window.Chart.defaults.color = '#1b1f24';
  var canvases = document.querySelectorAll('canvas[data-chart]');
  for (var k = 0; k < canvases.length; k++) {
    var spec;
    try { spec = JSON.parse(canvases[k].getAttribute('data-chart')); } catch (e) { continue; }
    var datasets = spec.series.map(function (s, i) {
      return { label: s.label, data: s.data, backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length], borderWidth: spec.type === 'line' ? 3 : 0, tension: 0.2, pointRadius: 3 };
    });
    new window.Chart(canvases[k], {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        plugins: { legend: { display: datasets.length > 1 } },
        scales: {
          x: { stacked: !!spec.stacked, beginAtZero: true },
          y: { stacked: !!spec.stacked, beginAtZero: true, max: spec.percent ? 100 : undefined },
        },
      },
    });
    canvases[k].setAttribute('data-drawn', 'true');
  }
})();
