/* The bills chart: Chart.js (served from this server) draws the totals the page carries in data-chart; the table below has the same figures. */
(function () {
  'use strict';
  var canvas = document.getElementById('bills-chart');
  if (!canvas || !window.Chart) return;
  var data = JSON.parse(canvas.getAttribute('data-chart'));
  var money = new Intl.NumberFormat(data.locale, { style: 'currency', currency: data.currency });
  canvas.chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: [{ label: data.series, data: data.values, backgroundColor: '#0b4f8a', borderRadius: 4 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return money.format(c.parsed.y); } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return money.format(v); } } } },
    },
  });
  canvas.setAttribute('data-drawn', 'true');
})();
