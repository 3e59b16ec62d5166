/*
 * Missions dashboard (/dashboard/missions): SMUR helicopter mission statistics read from Vigie's FHIR API and drawn
 * with ECharts (WebJar), each chart followed by a table of its numbers for screen readers, copying and tests.
 * Labels are French; code and comments are English.
 *
 * Data: MeasureReport?measure=<canonical>[&period=<year>] only. Shape (mappings registry MeasureTally): one group per
 * aircraft (code.text as written, measureScore = its total), stratifiers named by code.text ("mission-type",
 * "population-group", "day-night", "smur-pathology", "smur-pathology" + "mission-type"), counts in
 * stratum.population[0].count. The same measure and period may come from two sources, told apart by the meta.tag of
 * CodeSystem report-source: "registry-table" (figures as typed in a registry) and "mission-aggregate" (computed by
 * Vigie from mission Encounters). The user chooses; by default each figure is taken from the registry table when
 * that table has the breakdown, else from the aggregate (night activity and flight time only exist there).
 *
 * Sign-in, FHIR calls and output helpers: dashboard.js (window.VigieDashboard), shared with the activity dashboard.
 */
(function () {
    'use strict';

    const MEASURE_BASE = 'https://vigie.example.org/fhir/Measure/';
    const REPORT_SOURCE_SYSTEM = 'https://vigie.example.org/fhir/CodeSystem/report-source';
    const D = window.VigieDashboard;
    const {byId, formatInteger, formatShare, table, empty, stackedBars, pie, setStatus, showError} = D;
    const MEASURES = {
        missions: 'smur-missions',
        monthly: 'smur-missions-monthly',
        population: 'smur-population',
        pathologies: 'smur-pathologies',
        flightTime: 'smur-flight-time'
    };
    /** Preference of the "auto" source mode; untagged reports come between the two. */
    const SOURCE_ORDER = ['registry-table', 'unknown', 'mission-aggregate'];
    const SOURCE_LABELS = {
        'registry-table': 'tableaux du registre',
        'mission-aggregate': 'calcul depuis les missions importées',
        unknown: 'source non précisée'
    };
    const LABELS = {
        primary: 'Primaires',
        secondary: 'Secondaires',
        adult: 'Adultes',
        'paediatric-smur-polyvalent': 'Pédiatrie (SMUR polyvalent)',
        'paediatric-smur-ped': 'Pédiatrie (SMUR pédiatrique)',
        'neonatal-incubator': 'Néonatal (incubateur)',
        day: 'Jour',
        night: 'Nuit',
        reanimation: 'Réanimation',
        cardiologie: 'Cardiologie',
        avc: 'AVC',
        traumatologie: 'Traumatologie',
        neurologie: 'Neurologie',
        pneumologie: 'Pneumologie',
        brules: 'Brûlés',
        obstetrique: 'Obstétrique'
    };
    const COLORS = {primary: '#d9480f', secondary: '#1c7ed6', day: '#f59f00', night: '#364fc7'};
    const TYPES = ['primary', 'secondary'];
    const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
        'novembre', 'décembre'];
    const MONTHS_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.',
        'déc.'];
    /** Group labels (normalised) meaning "every aircraft": such a group is the total, not one more aircraft. */
    const ALL_AIRCRAFT = ['tous appareils', 'total', 'ensemble'];
    const ALL_AIRCRAFT_LABEL = 'Tous appareils';

    const state = {
        missions: [],
        years: new Map()
    };

    /** Every MeasureReport of a search, following the Bundle's next links. */
    async function searchReports(measure, year) {
        const url = 'MeasureReport?measure=' + encodeURIComponent(MEASURE_BASE + measure)
            + (year ? '&period=' + year : '') + '&_count=500';
        return (await D.searchAll(url)).filter((r) => r.resourceType === 'MeasureReport').map(parseReport);
    }

    // ---------------------------------------------------------------- report shape

    function normalise(text) {
        return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
    }

    function conceptCode(concept) {
        const coding = ((concept && concept.coding) || []).find((c) => c.code);
        return coding ? coding.code : (concept && concept.text) || '?';
    }

    function label(code, text) {
        return LABELS[code] || text || code;
    }

    function stratumCount(stratum) {
        const population = (stratum.population || [])[0];
        if (population && typeof population.count === 'number') {
            return population.count;
        }
        return stratum.measureScore ? Number(stratum.measureScore.value) || 0 : 0;
    }

    /** {breakdown → Map(code key → {codes, labels, count})}, breakdown = stratifier code texts joined by "+". */
    function parseStrata(stratifiers) {
        const strata = new Map();
        for (const stratifier of stratifiers || []) {
            const breakdown = (stratifier.code || []).map((c) => c.text).join('+');
            const counts = strata.get(breakdown) || new Map();
            for (const stratum of stratifier.stratum || []) {
                const values = stratum.component ? stratum.component.map((c) => c.value) : [stratum.value];
                const codes = values.map(conceptCode);
                const key = codes.join('|');
                const entry = counts.get(key)
                    || {codes, labels: values.map((v, i) => label(codes[i], v && v.text)), count: 0};
                entry.count += stratumCount(stratum);
                counts.set(key, entry);
            }
            strata.set(breakdown, counts);
        }
        return strata;
    }

    function parseReport(report) {
        const tag = ((report.meta && report.meta.tag) || []).find((t) => t.system === REPORT_SOURCE_SYSTEM);
        const start = (report.period && report.period.start) || '';
        return {
            id: report.id,
            measure: (report.measure || '').replace(MEASURE_BASE, ''),
            source: tag ? tag.code : 'unknown',
            year: Number(start.substring(0, 4)),
            month: start.length >= 7 ? Number(start.substring(5, 7)) : null,
            groups: (report.group || []).map((group) => ({
                aircraft: (group.code && group.code.text) || 'Appareil non précisé',
                score: group.measureScore ? Number(group.measureScore.value) || 0 : 0,
                strata: parseStrata(group.stratifier)
            }))
        };
    }

    function count(group, breakdown, key) {
        const entry = group.strata.get(breakdown) && group.strata.get(breakdown).get(key);
        return entry ? entry.count : 0;
    }

    function hasBreakdown(report, breakdown) {
        return report.groups.some((g) => g.strata.has(breakdown));
    }

    /** Sum of several groups (one more aircraft column = every aircraft). */
    function sumGroups(groups) {
        const total = {aircraft: ALL_AIRCRAFT_LABEL, score: 0, strata: new Map()};
        for (const group of groups) {
            total.score += group.score;
            for (const [breakdown, counts] of group.strata) {
                const into = total.strata.get(breakdown) || new Map();
                for (const [key, entry] of counts) {
                    const sum = into.get(key) || {codes: entry.codes, labels: entry.labels, count: 0};
                    sum.count += entry.count;
                    into.set(key, sum);
                }
                total.strata.set(breakdown, into);
            }
        }
        return total;
    }

    /** Rows = one group per aircraft; total = the report's every-aircraft group, or the sum, or null (one row). */
    function aircraftRows(report) {
        const all = report.groups.find((g) => ALL_AIRCRAFT.includes(normalise(g.aircraft)));
        const rows = report.groups.filter((g) => g !== all);
        if (rows.length === 0) {
            return {rows: all ? [all] : [], total: all || null, only: all || null};
        }
        const total = all || (rows.length > 1 ? sumGroups(rows) : rows[0]);
        return {rows, total, only: rows.length === 1 && !all ? rows[0] : null};
    }

    /** The every-aircraft figures of a report. */
    function totalOf(report) {
        return aircraftRows(report).total || sumGroups([]);
    }

    /**
     * One report per period among a measure's reports, from the chosen source: a fixed source, or ("auto") the first
     * of SOURCE_ORDER whose report has the breakdown.
     */
    function pick(reports, breakdown, periodKey) {
        const mode = byId('source').value;
        const byPeriod = new Map();
        for (const report of reports) {
            if (breakdown && !hasBreakdown(report, breakdown)) {
                continue;
            }
            const key = periodKey(report);
            byPeriod.set(key, (byPeriod.get(key) || []).concat([report]));
        }
        const chosen = [];
        for (const key of [...byPeriod.keys()].sort((a, b) => a - b)) {
            const candidates = byPeriod.get(key);
            const report = mode === 'auto'
                ? SOURCE_ORDER.map((s) => candidates.find((c) => c.source === s)).find(Boolean)
                : candidates.find((c) => c.source === mode);
            if (report) {
                chosen.push(report);
            }
        }
        return chosen;
    }

    const byYearKey = (report) => report.year;
    const byMonthKey = (report) => report.year * 100 + (report.month || 0);

    function sourcesOf(reports) {
        const sources = [...new Set(reports.map((r) => r.source))];
        return 'Source : ' + sources.map((s) => SOURCE_LABELS[s] || s).join(', ') + '.';
    }

    // ---------------------------------------------------------------- output helpers

    function formatHours(minutes) {
        const m = Math.round(minutes);
        return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0');
    }

    /** Fills a section: its year, then its numbers and chart (a click on a yearly bar picks that year). */
    function render(sectionId, content, option) {
        byId(sectionId).querySelectorAll('.year').forEach((e) => {
            e.textContent = byId('year').value;
        });
        D.render(sectionId, content, option, sectionId === 'yearly'
            ? (chart) => chart.on('click', (event) => selectYear(String(event.name)))
            : null);
    }

    function noData(what, year) {
        const mode = byId('source').value;
        return empty('Aucune donnée ' + what + ' pour ' + year
            + (mode === 'auto' ? '.' : ' dans les ' + SOURCE_LABELS[mode] + ' (changer de source ?).'));
    }

    // ---------------------------------------------------------------- sections

    function renderShare(year) {
        const report = pick(state.missions.filter((r) => r.year === year), 'mission-type', byYearKey)[0];
        if (!report) {
            render('share', noData('de missions par type', year));
            return;
        }
        const {rows, total} = aircraftRows(report);
        const line = (g) => {
            const primary = count(g, 'mission-type', 'primary');
            const secondary = count(g, 'mission-type', 'secondary');
            return [g.aircraft, formatInteger(primary), formatInteger(secondary), formatInteger(g.score),
                formatShare(primary, primary + secondary)];
        };
        const footer = rows.length > 1 ? line(total) : null;
        render('share',
            table('share-table', sourcesOf([report]) + ' Total tel que saisi ou calculé pour chaque appareil.',
                ['Appareil', 'Primaires', 'Secondaires', 'Total', 'Part des primaires'], rows.map(line), footer),
            pie(TYPES.map((type) => ({
                name: LABELS[type], value: count(total, 'mission-type', type), itemStyle: {color: COLORS[type]}
            }))));
    }

    function breakdownTable(sectionId, report, breakdown, firstHeader, caption) {
        const {rows, total} = aircraftRows(report);
        const keys = [...(total.strata.get(breakdown) || new Map()).keys()];
        const totalCounts = total.strata.get(breakdown) || new Map();
        const aircraftColumns = rows.length > 1 ? rows : [];
        const headers = [firstHeader].concat(aircraftColumns.map((g) => g.aircraft), ['Total', 'Part']);
        const sum = keys.reduce((s, k) => s + totalCounts.get(k).count, 0);
        const lines = keys.map((key) => {
            const entry = totalCounts.get(key);
            return [entry.labels[0]].concat(
                aircraftColumns.map((g) => formatInteger(count(g, breakdown, key))),
                [formatInteger(entry.count), formatShare(entry.count, sum)]);
        });
        const footer = ['Total'].concat(aircraftColumns.map((g) => formatInteger(g.score)),
            [formatInteger(total.score), '']);
        if (keys.length === 0) {
            return null;
        }
        render(sectionId, table(sectionId + '-table', sourcesOf([report]) + caption, headers, lines, footer),
            stackedBars(keys.map((k) => totalCounts.get(k).labels[0]),
                [{name: 'Missions', data: keys.map((k) => totalCounts.get(k).count), color: '#5c7cfa'}], true));
        return true;
    }

    function renderPopulation(year, data) {
        const report = pick(data.population, 'population-group', byYearKey)[0];
        if (!report || !breakdownTable('population', report, 'population-group', 'Population',
            ' Total tel que saisi ou calculé.')) {
            render('population', noData('de population', year));
        }
    }

    function renderMonthly(year, data) {
        const reports = pick(data.monthly, 'mission-type', byMonthKey).filter((r) => r.year === year && r.month);
        if (reports.length === 0) {
            render('monthly', noData('mensuelle', year));
            return;
        }
        const months = reports.map((r) => ({month: r.month, total: totalOf(r)}));
        const lines = months.map(({month, total}) => [MONTHS[month - 1],
            formatInteger(count(total, 'mission-type', 'primary')),
            formatInteger(count(total, 'mission-type', 'secondary')), formatInteger(total.score)]);
        const sum = (f) => months.reduce((s, m) => s + f(m.total), 0);
        const footer = ['Total', formatInteger(sum((t) => count(t, 'mission-type', 'primary'))),
            formatInteger(sum((t) => count(t, 'mission-type', 'secondary'))), formatInteger(sum((t) => t.score))];
        render('monthly',
            table('monthly-table', sourcesOf(reports), ['Mois', 'Primaires', 'Secondaires', 'Total'], lines, footer),
            stackedBars(months.map((m) => MONTHS_SHORT[m.month - 1]), TYPES.map((type) => ({
                name: LABELS[type], color: COLORS[type],
                data: months.map((m) => count(m.total, 'mission-type', type))
            }))));
    }

    function renderPathologies(year, data) {
        const report = pick(data.pathologies, 'smur-pathology', byYearKey)[0];
        if (!report) {
            render('pathologies', noData('par pathologie', year));
            return;
        }
        const total = totalOf(report);
        const single = total.strata.get('smur-pathology') || new Map();
        const cross = total.strata.get('smur-pathology+mission-type');
        const byType = (key, type) => (cross ? count(total, 'smur-pathology+mission-type', key + '|' + type) : null);
        const keys = [...single.keys()];
        const lines = keys.map((key) => [single.get(key).labels[0], formatInteger(byType(key, 'primary')),
            formatInteger(byType(key, 'secondary')), formatInteger(single.get(key).count)]);
        const sumType = (type) => (cross ? keys.reduce((s, k) => s + byType(k, type), 0) : null);
        const footer = ['Total', formatInteger(sumType('primary')), formatInteger(sumType('secondary')),
            formatInteger(total.score)];
        const series = cross
            ? TYPES.map((type) => ({name: LABELS[type], color: COLORS[type], data: keys.map((k) => byType(k, type))}))
            : [{name: 'Missions', color: '#5c7cfa', data: keys.map((k) => single.get(k).count)}];
        render('pathologies',
            table('pathologies-table', sourcesOf([report]), ['Pathologie', 'Primaires', 'Secondaires', 'Total'],
                lines, footer),
            stackedBars(keys.map((k) => single.get(k).labels[0]), series, true));
    }

    function renderNight(year) {
        const report = pick(state.missions.filter((r) => r.year === year), 'day-night', byYearKey)[0];
        if (!report) {
            render('night', empty('Pas de répartition jour / nuit pour ' + year + ' dans la source choisie : elle est'
                + ' calculée depuis les missions importées une à une.'));
            return;
        }
        const {rows, total} = aircraftRows(report);
        const line = (g) => {
            const day = count(g, 'day-night', 'day');
            const night = count(g, 'day-night', 'night');
            return [g.aircraft, formatInteger(day), formatInteger(night), formatInteger(day + night),
                formatShare(night, day + night)];
        };
        render('night',
            table('night-table', sourcesOf([report]), ['Appareil', 'Jour', 'Nuit', 'Total', 'Part de nuit'],
                rows.map(line), rows.length > 1 ? line(total) : null),
            stackedBars(rows.map((g) => g.aircraft), ['day', 'night'].map((code) => ({
                name: LABELS[code], color: COLORS[code], data: rows.map((g) => count(g, 'day-night', code))
            }))));
    }

    function renderFlightTime(year, data) {
        const report = pick(data.flightTime, 'mission-type', byYearKey)[0];
        if (!report) {
            render('flight', empty('Pas de temps de vol pour ' + year + ' dans la source choisie : il est calculé'
                + ' depuis les missions importées une à une.'));
            return;
        }
        const {rows, total} = aircraftRows(report);
        const line = (g) => [g.aircraft, formatInteger(count(g, 'mission-type', 'primary')),
            formatInteger(count(g, 'mission-type', 'secondary')), formatInteger(g.score), formatHours(g.score)];
        render('flight',
            table('flight-table', sourcesOf([report]) + ' Minutes de vol.',
                ['Appareil', 'Primaires (min)', 'Secondaires (min)', 'Total (min)', 'Total (heures)'],
                rows.map(line), rows.length > 1 ? line(total) : null),
            stackedBars(rows.map((g) => g.aircraft), TYPES.map((type) => ({
                name: LABELS[type] + ' (min)', color: COLORS[type],
                data: rows.map((g) => count(g, 'mission-type', type))
            }))));
    }

    function renderYearly() {
        const reports = pick(state.missions, 'mission-type', byYearKey);
        if (reports.length === 0) {
            render('yearly', noData('de missions', 'aucune année'));
            return;
        }
        const years = reports.map((r) => ({year: r.year, total: totalOf(r)}));
        const lines = years.map(({year, total}) => [String(year),
            formatInteger(count(total, 'mission-type', 'primary')),
            formatInteger(count(total, 'mission-type', 'secondary')), formatInteger(total.score),
            formatShare(count(total, 'mission-type', 'primary'), total.score)]);
        render('yearly',
            table('yearly-table', sourcesOf(reports) + ' Cliquer sur une barre choisit l’année.',
                ['Année', 'Primaires', 'Secondaires', 'Total', 'Part des primaires'], lines),
            stackedBars(years.map((y) => String(y.year)), TYPES.map((type) => ({
                name: LABELS[type], color: COLORS[type], data: years.map((y) => count(y.total, 'mission-type', type))
            }))));
    }

    // ---------------------------------------------------------------- flow

    async function yearData(year) {
        if (!state.years.has(year)) {
            const [population, monthly, pathologies, flightTime] = await Promise.all([
                searchReports(MEASURES.population, year),
                searchReports(MEASURES.monthly, year),
                searchReports(MEASURES.pathologies, year),
                searchReports(MEASURES.flightTime, year)
            ]);
            state.years.set(year, {population, monthly, pathologies, flightTime});
        }
        return state.years.get(year);
    }

    async function renderAll() {
        const year = Number(byId('year').value);
        if (!year) {
            return;
        }
        setStatus('Chargement de ' + year + '…');
        byId('load-error').textContent = '';
        try {
            const data = await yearData(year);
            if (Number(byId('year').value) !== year) {
                return; // another year was chosen meanwhile
            }
            renderShare(year);
            renderPopulation(year, data);
            renderMonthly(year, data);
            renderPathologies(year, data);
            renderNight(year);
            renderFlightTime(year, data);
            renderYearly();
            // what is on screen, for tests and scripts that wait for a redraw
            document.body.dataset.view = year + '/' + byId('source').value;
            setStatus('Année ' + year + ' affichée.');
        } catch (error) {
            showError(error);
        }
    }

    function selectYear(year) {
        const select = byId('year');
        if ([...select.options].some((o) => o.value === year) && select.value !== year) {
            select.value = year;
            renderAll();
        }
    }

    async function start() {
        setStatus('Chargement des missions…');
        try {
            state.missions = await searchReports(MEASURES.missions, null);
        } catch (error) {
            showError(error);
            return;
        }
        const years = [...new Set(state.missions.map((r) => r.year))].filter(Boolean).sort((a, b) => b - a);
        const select = byId('year');
        select.replaceChildren(...years.map((y) => new Option(String(y), String(y))));
        if (years.length === 0) {
            setStatus('Aucune statistique de missions dans Vigie : importez un registre (flux registry).');
            return;
        }
        await renderAll();
    }

    D.setup({
        start,
        stop: () => {
            state.missions = [];
            state.years.clear();
        },
        listen: () => {
            byId('year').addEventListener('change', renderAll);
            byId('source').addEventListener('change', renderAll);
        }
    });
})();
