/*
 * /dashboard/missions: SMUR mission statistics from the FHIR API only (MeasureReports of the smur-* Measures, see
 * fr.vigie.mappings.registry.Measures). For each year the page uses the reports aggregated from mission Encounters
 * (meta.tag mission-aggregate) when there are some, else the registry's own tables (registry-table); the Source
 * selector forces one.
 */
(function () {
  'use strict';
  var BASE = 'https://vigie.example.org/fhir/Measure/';
  var MEASURES = ['smur-missions', 'smur-missions-monthly', 'smur-population', 'smur-pathologies',
    'smur-flight-time', 'smur-transfers'];
  var TYPE_LABELS = {primary: 'Primaires', secondary: 'Secondaires'};
  var POP_LABELS = {'adult': 'Adultes', 'paediatric-smur-polyvalent': 'Pédiatrie SMUR polyvalent',
    'paediatric-smur-ped': 'Pédiatrie SMUR pédiatrique', 'neonatal-incubator': 'Néonatal (incubateur)'};
  var reports = [];
  var charts = {};

  function el(id) { return document.getElementById(id); }
  function source(r) {
    var tag = ((r.meta || {}).tag || []).filter(function (t) { return /report-source$/.test(t.system); })[0];
    return tag ? tag.code : 'registry-table';
  }
  function measureOf(r) { return r.measure.substring(BASE.length); }
  function periodOf(r) {
    var v = (r.identifier || [{}])[0].value || '';
    return v.substring(v.lastIndexOf('/') + 1);
  }
  function fmt(n) { return n.toLocaleString('fr-FR'); }

  function pick(measure, period) {
    var all = reports.filter(function (r) { return measureOf(r) === measure && periodOf(r) === period; });
    var wanted = el('source').value;
    var agg = all.filter(function (r) { return source(r) === 'mission-aggregate'; });
    var tab = all.filter(function (r) { return source(r) === 'registry-table'; });
    if (wanted === 'mission-aggregate') { return agg; }
    if (wanted === 'registry-table') { return tab; }
    return agg.length ? agg : tab;
  }

  // sums strata of one stratifier over every group of the reports: {code: count}
  function strata(list, stratifier) {
    var out = {};
    list.forEach(function (r) {
      (r.group || []).forEach(function (g) {
        (g.stratifier || []).forEach(function (s) {
          var codes = (s.code || []).map(function (c) { return c.text; });
          if (codes.length === 1 && codes[0] === stratifier) {
            (s.stratum || []).forEach(function (st) {
              var key = (st.value.coding && st.value.coding[0] && st.value.coding[0].code) || st.value.text;
              out[key] = (out[key] || 0) + st.population[0].count;
            });
          }
        });
      });
    });
    return out;
  }
  function total(list) {
    return list.reduce(function (sum, r) {
      return sum + (r.group || []).reduce(function (s, g) { return s + Number(g.measureScore.value); }, 0);
    }, 0);
  }

  function chart(id, option) {
    var node = el(id);
    if (!charts[id]) { charts[id] = echarts.init(node); }
    charts[id].clear();
    if (!option) {
      charts[id].setOption({title: {text: 'pas de données', left: 'center', top: 'middle',
        textStyle: {color: '#5b6775', fontSize: 13, fontWeight: 'normal'}}});
      return;
    }
    option.animation = false;
    option.tooltip = option.tooltip || {trigger: 'item'};
    charts[id].setOption(option);
  }
  function pie(id, data, labels) {
    var entries = Object.keys(data).map(function (k) { return {name: labels[k] || k, value: data[k]}; });
    chart(id, entries.length ? {legend: {bottom: 0}, series: [{type: 'pie', radius: ['35%', '65%'],
      label: {formatter: '{b}\n{c} ({d} %)'}, data: entries}]} : null);
  }
  function stacked(id, categories, series, horizontal) {
    if (!categories.length) { chart(id, null); return; }
    var cat = {type: 'category', data: categories};
    var val = {type: 'value'};
    chart(id, {tooltip: {trigger: 'axis'}, legend: {bottom: 0}, grid: {left: horizontal ? 110 : 50, bottom: 60},
      xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
      series: series.map(function (s) { return {name: s.name, type: 'bar', stack: 'all', data: s.data}; })});
  }

  function years() {
    var set = {};
    reports.forEach(function (r) {
      var m = measureOf(r);
      if (m !== 'smur-missions-monthly') { set[periodOf(r).substring(0, 4)] = true; }
    });
    return Object.keys(set).sort();
  }

  function render() {
    var year = el('year').value;
    if (!year) { el('status').textContent = 'Aucune statistique de mission dans Vigie.'; return; }
    var missions = pick('smur-missions', year);
    var types = strata(missions, 'mission-type');
    var sum = total(missions);
    var primary = types.primary || 0;
    var secondary = types.secondary || 0;
    el('kpi-total').textContent = fmt(sum);
    el('kpi-primary').textContent = fmt(primary);
    el('kpi-secondary').textContent = fmt(secondary);
    el('kpi-primary-share').textContent = primary + secondary > 0
      ? (100 * primary / (primary + secondary)).toLocaleString('fr-FR', {maximumFractionDigits: 1}) + ' %' : '–';
    var sources = missions.map(source);
    el('kpi-source').textContent = sources.length ? sources.join(', ') : 'aucune';
    var dayNight = strata(missions, 'day-night');
    el('kpi-night').textContent = dayNight.night !== undefined ? fmt(dayNight.night) : '–';
    var flight = pick('smur-flight-time', year);
    el('kpi-flight').textContent = flight.length
      ? (total(flight) / 60).toLocaleString('fr-FR', {maximumFractionDigits: 1}) : '–';

    pie('chart-share', types, TYPE_LABELS);
    pie('chart-population', strata(pick('smur-population', year), 'population-group'), POP_LABELS);
    pie('chart-night', dayNight, {day: 'Jour', night: 'Nuit'});

    var months = [];
    var prim = [];
    var sec = [];
    for (var m = 1; m <= 12; m++) {
      var period = year + '-' + (m < 10 ? '0' : '') + m;
      var s = strata(pick('smur-missions-monthly', period), 'mission-type');
      months.push(period.substring(5));
      prim.push(s.primary || 0);
      sec.push(s.secondary || 0);
    }
    var anyMonth = prim.concat(sec).some(function (v) { return v > 0; });
    stacked('chart-month', anyMonth ? months : [], [{name: 'Primaires', data: prim}, {name: 'Secondaires', data: sec}]);

    // pathology x mission type: the two-dimensional stratifier
    var byPathology = {};
    pick('smur-pathologies', year).forEach(function (r) {
      (r.group || []).forEach(function (g) {
        (g.stratifier || []).forEach(function (st) {
          if ((st.code || []).length !== 2) { return; }
          (st.stratum || []).forEach(function (stratum) {
            var p = stratum.component[0].value;
            var name = p.text || (p.coding && p.coding[0].display) || '?';
            var type = stratum.component[1].value.coding[0].code;
            byPathology[name] = byPathology[name] || {primary: 0, secondary: 0};
            byPathology[name][type] += stratum.population[0].count;
          });
        });
      });
    });
    var names = Object.keys(byPathology).sort();
    stacked('chart-pathology', names, [
      {name: 'Primaires', data: names.map(function (n) { return byPathology[n].primary; })},
      {name: 'Secondaires', data: names.map(function (n) { return byPathology[n].secondary; })}], true);

    var all = years();
    var totals = all.map(function (y) { return total(pick('smur-missions', y)); });
    chart('chart-years', all.length ? {tooltip: {trigger: 'axis'}, grid: {left: 50},
      xAxis: {type: 'category', data: all}, yAxis: {type: 'value'},
      series: [{name: 'Missions', type: 'bar', data: totals,
        itemStyle: {color: function (p) { return p.name === year ? '#d9534f' : '#12355b'; }}}]} : null);
    var typed = all.map(function (y) { return strata(pick('smur-missions', y), 'mission-type'); });
    stacked('chart-years-type', all, [
      {name: 'Primaires', data: typed.map(function (t) { return t.primary || 0; })},
      {name: 'Secondaires', data: typed.map(function (t) { return t.secondary || 0; })}]);

    var aircraft = [];
    var hours = {primary: [], secondary: []};
    flight.forEach(function (r) {
      (r.group || []).forEach(function (g) {
        aircraft.push(g.code.text);
        var s = strata([{group: [g]}], 'mission-type');
        hours.primary.push(Math.round((s.primary || 0) / 6) / 10);
        hours.secondary.push(Math.round((s.secondary || 0) / 6) / 10);
      });
    });
    stacked('chart-flight', aircraft, [{name: 'Primaires', data: hours.primary},
      {name: 'Secondaires', data: hours.secondary}]);
    el('status').textContent = reports.length + ' rapports chargés';
    document.body.setAttribute('data-rendered', year);
  }

  function load() {
    el('status').textContent = 'Chargement…';
    Promise.all(MEASURES.map(function (m) {
      return VigieDashboard.searchAll('MeasureReport?measure=' + encodeURIComponent(BASE + m) + '&_count=500');
    })).then(function (lists) {
      reports = [].concat.apply([], lists);
      var select = el('year');
      var previous = select.value;
      select.innerHTML = '';
      years().forEach(function (y) {
        var option = document.createElement('option');
        option.value = y;
        option.textContent = y;
        select.appendChild(option);
      });
      var list = years();
      select.value = list.indexOf(previous) >= 0 ? previous : (list[list.length - 1] || '');
      render();
    }).catch(function (e) { el('status').textContent = e.message; });
  }

  el('year').addEventListener('change', render);
  el('source').addEventListener('change', render);
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  VigieDashboard.start({scope: 'system/MeasureReport.rs', onReady: load});
})();
