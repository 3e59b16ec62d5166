/*
 * Activity dashboard (/dashboard/activity): an emergency department's live activity and admissions outlook, read from
 * Vigie's FHIR API only and drawn with ECharts (WebJar), each chart followed by a table of its numbers. Labels are
 * French; code and comments are English. Sign-in, FHIR calls and output helpers: dashboard.js.
 *
 * Data (the department is a Location of type v3-RoleCode ER; the simulator writes them so, see ActivityFhirMapper):
 * - live counters, asked with _summary=count so nothing is counted here: waiting = Encounter?location=<ed>
 *   &status=arrived,triaged; in care = status=in-progress (fetched with _elements=participant: they are at most the
 *   boxes); capacity = Location?partof=<ed>&status=active (the boxes);
 * - doctors: PractitionerRole?location=<ed>&active=true; on duty = availableTime covers the time shown; busy = the
 *   attending participant, without an end, of an Encounter in care; free = on duty and not busy;
 * - arrivals per hour (24 h), per day and reason codes (CIM-10): Encounter?location=<ed>&date=ge<window start>
 *   &_elements=period,reasonCode,status, once, then on each refresh only the Encounters changed since
 *   (_lastUpdated=ge<last answer's time>), merged by id. An arrival is counted in the hour and day of its
 *   period.start as written by the department (its own UTC offset), so the browser's time zone does not matter;
 * - "as of": the latest period.start (Encounter?location=<ed>&_sort=-date&_count=1), so a simulated month that ended
 *   days ago still shows its last day;
 * - outlook: Location/<hospital>/$forecast-admissions with the capacity of config.json (activity.outlook): expected
 *   admissions a day, 80 % and 95 % prediction intervals and P(count > capacity) from the model's predictive
 *   distribution, with the model named.
 */
(function () {
    'use strict';

    const D = window.VigieDashboard;
    const {byId, formatInteger, formatDecimal, formatShare, table, empty, stackedBars, setStatus, showError} = D;
    const ER = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode|ER';
    const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const DAY_NAMES = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];
    const COLORS = {arrivals: '#1c7ed6', expected: '#d9480f', band: '#ffd8a8', capacity: '#a11'};

    const state = {
        department: null,
        encounters: new Map(),
        since: null,
        windowStart: null,
        timer: null,
        refreshes: 0,
        busy: false,
        again: false
    };

    // ---------------------------------------------------------------- time, as the department wrote it

    /** "2026-01-15T11:23:00+01:00" → {date: "2026-01-15", hour: "2026-01-15T11", offset: "+01:00", time: "11:23:00"}. */
    function local(dateTime) {
        const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):?(\d{2})?[^Z+-]*(Z|[+-]\d{2}:\d{2})?$/.exec(dateTime || '');
        if (!m) {
            return null;
        }
        return {date: m[1], hour: m[1] + 'T' + m[2], time: m[2] + ':' + m[3] + ':' + (m[4] || '00'),
            offset: m[5] || 'Z', instant: Date.parse(dateTime)};
    }

    /** The key "YYYY-MM-DDTHH" of an instant shifted by a UTC offset. */
    function hourKey(instant, offset) {
        const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1)
            * (Number(offset.substring(1, 3)) * 60 + Number(offset.substring(4, 6)));
        return new Date(instant + minutes * 60000).toISOString().substring(0, 13);
    }

    function dayKeys(lastDate, days) {
        const keys = [];
        const last = Date.parse(lastDate + 'T00:00:00Z');
        for (let k = days - 1; k >= 0; k--) {
            keys.push(new Date(last - k * 86400000).toISOString().substring(0, 10));
        }
        return keys;
    }

    function dayLabel(date) {
        const d = new Date(date + 'T00:00:00Z');
        return DAY_NAMES[d.getUTCDay()] + ' ' + date.substring(8, 10) + '/' + date.substring(5, 7);
    }

    // ---------------------------------------------------------------- data

    const ed = (department) => 'location=Location/' + department.id;

    async function departments() {
        const found = await D.searchAll('Location?type=' + encodeURIComponent(ER) + '&status=active&_count=100', 5);
        return found.filter((r) => r.resourceType === 'Location');
    }

    async function latestArrival(department) {
        const bundle = await D.fhirGet('Encounter?' + ed(department) + '&_sort=-date&_count=1&_elements=period');
        const encounter = ((bundle.entry || [])[0] || {}).resource;
        return encounter && encounter.period ? local(encounter.period.start) : null;
    }

    /**
     * The window's Encounters changed since the previous answer (all of them the first time), to be merged by
     * {@link applyEncounters} once the whole refresh is known to be for the department still chosen.
     */
    async function changedEncounters(department, asOf) {
        const days = D.config().activity.days;
        const start = dayKeys(asOf.date, days)[0] + 'T00:00:00' + (asOf.offset === 'Z' ? 'Z' : asOf.offset);
        const since = state.windowStart === start ? state.since : null;
        let url = 'Encounter?' + ed(department) + '&date=' + encodeURIComponent('ge' + start)
            + '&_elements=period,reasonCode,status&_count=1000';
        if (since) {
            url += '&_lastUpdated=' + encodeURIComponent('ge' + since);
        }
        const bundle = await D.fhirGet(url);
        let changed = (bundle.entry || []).map((e) => e.resource);
        const next = (bundle.link || []).find((l) => l.relation === 'next');
        if (next) {
            changed = changed.concat(await D.searchAll(next.url));
        }
        // the server's clock: what changes after this answer is asked for next time
        return {start, changed, since: (bundle.meta && bundle.meta.lastUpdated) || since};
    }

    function applyEncounters(update) {
        if (state.windowStart !== update.start) {
            state.encounters.clear();
            state.windowStart = update.start;
        }
        for (const encounter of update.changed) {
            if (encounter.resourceType === 'Encounter') {
                state.encounters.set(encounter.id, encounter);
            }
        }
        state.since = update.since;
    }

    async function current(department) {
        const [waiting, inCare, boxes, roles] = await Promise.all([
            D.count('Encounter?' + ed(department) + '&status=arrived,triaged'),
            D.searchAll('Encounter?' + ed(department) + '&status=in-progress&_elements=participant&_count=500'),
            D.count('Location?partof=Location/' + department.id + '&status=active'),
            D.searchAll('PractitionerRole?' + ed(department) + '&active=true&_count=500')
        ]);
        return {waiting, inCare: inCare.filter((r) => r.resourceType === 'Encounter'), boxes,
            roles: roles.filter((r) => r.resourceType === 'PractitionerRole')};
    }

    // ---------------------------------------------------------------- sections

    function onDuty(role, asOf) {
        const weekday = WEEKDAYS[new Date(asOf.date + 'T00:00:00Z').getUTCDay()];
        return (role.availableTime || []).some((t) => (!t.daysOfWeek || t.daysOfWeek.includes(weekday))
            && (t.allDay || ((t.availableStartTime || '00:00:00') <= asOf.time
                && asOf.time < (t.availableEndTime || '24:00:00'))));
    }

    function busyRoles(inCare) {
        const busy = new Set();
        for (const encounter of inCare) {
            for (const participant of encounter.participant || []) {
                if (participant.individual && !(participant.period && participant.period.end)) {
                    busy.add(participant.individual.reference);
                }
            }
        }
        return busy;
    }

    function roleName(role) {
        const specialty = ((role.specialty || [])[0] || {});
        const id = ((role.identifier || [])[0] || {}).value || role.id;
        return (specialty.text || ((specialty.coding || [])[0] || {}).display || 'Médecin') + ' (' + id + ')';
    }

    function renderNow(now, asOf) {
        const inCare = now.inCare.length;
        const busy = busyRoles(now.inCare);
        const duty = now.roles.filter((r) => onDuty(r, asOf));
        const dutyBusy = duty.filter((r) => busy.has('PractitionerRole/' + r.id)).length;
        const rows = [
            ['Patients en attente (arrivés, triés, pas encore vus)', formatInteger(now.waiting)],
            ['Patients en soins', formatInteger(inCare)],
            ['Box', formatInteger(now.boxes)],
            ['Occupation des box', now.boxes > 0 ? formatShare(inCare, now.boxes) : '—'],
            ['Médecins de garde', formatInteger(duty.length)],
            ['Médecins occupés', formatInteger(busy.size)],
            ['Médecins de garde libres', formatInteger(duty.length - dutyBusy)]
        ];
        D.render('now', table('now-table', 'Encounter en cours du service (statut), box = Location rattachées au'
            + ' service (partOf), médecins = PractitionerRole du service (horaires de garde).', ['Indicateur',
            'Valeur'], rows));
        const doctorRows = now.roles.map((role) => [roleName(role),
            onDuty(role, asOf) ? 'de garde' : 'hors garde',
            busy.has('PractitionerRole/' + role.id) ? 'occupé' : 'libre']);
        D.render('doctors', doctorRows.length
            ? table('doctors-table', 'Garde selon availableTime ; occupé = participant (ATND) d’un passage en soins.',
                ['Médecin', 'Garde', 'État'], doctorRows)
            : empty('Aucun médecin (PractitionerRole) rattaché au service.'));
    }

    function arrivals() {
        return [...state.encounters.values()]
            .map((e) => ({start: local(e.period && e.period.start), reason: (e.reasonCode || [])[0]}))
            .filter((a) => a.start && a.start.instant >= Date.parse(state.windowStart));
    }

    function renderHourly(all, asOf) {
        const last = Date.parse(asOf.hour + ':00:00' + (asOf.offset === 'Z' ? 'Z' : asOf.offset));
        const hours = [];
        for (let k = 23; k >= 0; k--) {
            hours.push(hourKey(last - k * 3600000, asOf.offset));
        }
        const counts = new Map(hours.map((h) => [h, 0]));
        for (const a of all) {
            if (counts.has(a.start.hour)) {
                counts.set(a.start.hour, counts.get(a.start.hour) + 1);
            }
        }
        const label = (h) => dayLabel(h.substring(0, 10)) + ' ' + h.substring(11, 13) + 'h';
        const total = hours.reduce((s, h) => s + counts.get(h), 0);
        D.render('hourly',
            table('hourly-table', 'Arrivées (début de period) par heure locale du service.', ['Heure', 'Arrivées'],
                hours.map((h) => [label(h), formatInteger(counts.get(h))]), ['Total', formatInteger(total)]),
            stackedBars(hours.map((h) => h.substring(11, 13) + 'h'),
                [{name: 'Arrivées', color: COLORS.arrivals, data: hours.map((h) => counts.get(h))}]));
    }

    function renderDaily(all, asOf) {
        const days = dayKeys(asOf.date, D.config().activity.days);
        const counts = new Map(days.map((d) => [d, 0]));
        for (const a of all) {
            if (counts.has(a.start.date)) {
                counts.set(a.start.date, counts.get(a.start.date) + 1);
            }
        }
        const total = days.reduce((s, d) => s + counts.get(d), 0);
        D.render('daily',
            table('daily-table', 'Arrivées par jour ; le dernier jour va jusqu’à ' + asOf.time.substring(0, 5)
                + '.', ['Jour', 'Arrivées'], days.map((d) => [dayLabel(d), formatInteger(counts.get(d))]),
            ['Total', formatInteger(total)]),
            stackedBars(days.map((d) => d.substring(8, 10) + '/' + d.substring(5, 7)),
                [{name: 'Arrivées', color: COLORS.arrivals, data: days.map((d) => counts.get(d))}]));
    }

    function renderPathologies(all) {
        const counts = new Map();
        for (const a of all) {
            const coding = ((a.reason && a.reason.coding) || [])[0] || {};
            const key = coding.code || '?';
            const entry = counts.get(key) || {code: key, label: coding.display || (a.reason && a.reason.text) || '',
                count: 0};
            entry.count++;
            counts.set(key, entry);
        }
        const entries = [...counts.values()].sort((x, y) => y.count - x.count || x.code.localeCompare(y.code));
        const total = all.length;
        const name = (e) => e.code + ' ' + e.label;
        D.render('pathologies',
            entries.length
                ? table('pathologies-table', 'Premier reasonCode (CIM-10 FR) des arrivées des '
                    + D.config().activity.days + ' jours.', ['Motif', 'Arrivées', 'Part'],
                entries.map((e) => [name(e), formatInteger(e.count), formatShare(e.count, total)]),
                ['Total', formatInteger(total), ''])
                : empty('Aucune arrivée sur la période.'),
            entries.length ? stackedBars(entries.slice(0, 12).map((e) => e.code),
                [{name: 'Arrivées', color: COLORS.arrivals, data: entries.slice(0, 12).map((e) => e.count)}], true)
                : null);
    }

    // ---------------------------------------------------------------- outlook

    function part(parameter, name) {
        const p = (parameter.part || []).find((x) => x.name === name);
        return p ? p.valueDecimal ?? p.valueDate ?? p.valueString : null;
    }

    function value(parameters, name) {
        const p = (parameters.parameter || []).find((x) => x.name === name);
        return p ? p.valueString ?? p.valueDate ?? p.valueDecimal : null;
    }

    async function renderOutlook() {
        const outlook = D.config().activity.outlook;
        if (!outlook.location) {
            D.render('outlook', empty('Pas de prévision configurée (vigie.dashboard.activity.outlook.location).'));
            return;
        }
        const hospitals = await D.searchAll('Location?identifier=' + encodeURIComponent(outlook.location), 1);
        const hospital = hospitals.find((r) => r.resourceType === 'Location');
        if (!hospital) {
            D.render('outlook', empty('Hôpital de la prévision introuvable : Location?identifier=' + outlook.location
                + '.'));
            return;
        }
        let url = 'Location/' + hospital.id + '/$forecast-admissions?horizon=' + outlook.horizon + '&condition='
            + encodeURIComponent(outlook.condition);
        if (outlook.asOf) {
            url += '&asOf=' + encodeURIComponent(outlook.asOf);
        }
        if (outlook.capacity !== null && outlook.capacity !== undefined) {
            url += '&capacity=' + outlook.capacity;
        }
        let forecast;
        try {
            forecast = await D.fhirGet(url);
        } catch (error) {
            if (error instanceof D.SignInNeeded) {
                throw error;
            }
            D.render('outlook', empty('Prévision indisponible : ' + error.message));
            return;
        }
        const days = (forecast.parameter || []).filter((p) => p.name === 'day');
        const capacity = value(forecast, 'capacity');
        const rows = days.map((d) => [dayLabel(part(d, 'date')), formatDecimal(part(d, 'expected')),
            formatInteger(part(d, 'lower80')) + ' – ' + formatInteger(part(d, 'upper80')),
            formatInteger(part(d, 'lower95')) + ' – ' + formatInteger(part(d, 'upper95')),
            capacity === null ? '—' : D.percent.format(part(d, 'probabilityAboveCapacity')),
            D.percent.format(part(d, 'peakProbability'))]);
        const caption = (hospital.name || 'Location/' + hospital.id) + ', admissions « ' + value(forecast, 'condition')
            + ' » par jour. Modèle ' + value(forecast, 'modelKind') + ' (version ' + value(forecast, 'modelVersion')
            + ', id ' + value(forecast, 'model') + '), entraîné jusqu’au ' + value(forecast, 'trainedUntil')
            + ' ; intervalles de prédiction à 80 % et 95 % ; '
            + (capacity === null ? 'pas de capacité configurée' : 'capacité ' + formatInteger(capacity)
                + ' admissions/jour, P(> capacité) de la loi prédictive du modèle')
            + ' ; pic = plus de ' + formatDecimal(value(forecast, 'threshold')) + ' admissions.';
        const dates = days.map((d) => dayLabel(part(d, 'date')));
        const option = {
            tooltip: {trigger: 'axis'},
            legend: {top: 0, data: ['IC 95 %', 'Attendues', 'P(> capacité)']},
            grid: {left: 8, right: 48, top: 32, bottom: 8, containLabel: true},
            xAxis: {type: 'category', data: dates},
            yAxis: [{type: 'value', name: 'admissions'},
                {type: 'value', name: 'P(> capacité)', min: 0, max: 1, axisLabel: {formatter: (v) => D.percent.format(v)}}],
            series: [
                {name: 'IC 95 % (bas)', type: 'line', stack: 'band', symbol: 'none', lineStyle: {opacity: 0},
                    data: days.map((d) => part(d, 'lower95')), tooltip: {show: false}},
                {name: 'IC 95 %', type: 'line', stack: 'band', symbol: 'none', lineStyle: {opacity: 0},
                    areaStyle: {color: COLORS.band}, data: days.map((d) => part(d, 'upper95') - part(d, 'lower95'))},
                {name: 'Attendues', type: 'line', color: COLORS.expected, data: days.map((d) => part(d, 'expected')),
                    markLine: capacity === null ? undefined : {symbol: 'none', lineStyle: {color: COLORS.capacity},
                        label: {formatter: 'capacité ' + capacity}, data: [{yAxis: capacity}]}},
                capacity === null ? null : {name: 'P(> capacité)', type: 'bar', yAxisIndex: 1, barWidth: '20%',
                    color: COLORS.capacity, data: days.map((d) => part(d, 'probabilityAboveCapacity'))}
            ].filter(Boolean)
        };
        D.render('outlook', table('outlook-table', caption, ['Jour', 'Attendues', 'IC 80 %', 'IC 95 %',
            'P(> capacité)', 'P(pic)'], rows), option);
    }

    // ---------------------------------------------------------------- flow

    /**
     * Draws one department's figures. Returns false, having drawn and merged nothing, when another department was
     * chosen while its answers were awaited: they are that department's, not the one now on screen.
     */
    async function draw(department) {
        const stale = () => state.department !== department;
        const asOf = await latestArrival(department);
        if (stale()) {
            return false;
        }
        if (!asOf) {
            ['now', 'hourly', 'daily', 'pathologies', 'doctors'].forEach((id) =>
                D.render(id, empty('Aucun passage (Encounter) dans ce service.')));
        } else {
            const [now, update] = await Promise.all([current(department), changedEncounters(department, asOf)]);
            if (stale()) {
                return false;
            }
            applyEncounters(update);
            const all = arrivals();
            renderNow(now, asOf);
            renderHourly(all, asOf);
            renderDaily(all, asOf);
            renderPathologies(all);
            byId('as-of').textContent = 'Données jusqu’au ' + dayLabel(asOf.date) + ' à '
                + asOf.time.substring(0, 5) + ' (dernière arrivée)';
        }
        if (state.refreshes === 0) {
            await renderOutlook();
        }
        if (stale()) {
            return false;
        }
        state.refreshes++;
        // what is on screen, for tests and scripts that wait for a redraw
        document.body.dataset.view = department.id + '/' + state.refreshes;
        setStatus('Actualisé à ' + new Date().toLocaleTimeString('fr-FR') + ', toutes les '
            + D.config().activity.refreshSeconds + ' s.');
        return true;
    }

    async function refresh() {
        if (!state.department) {
            return;
        }
        if (state.busy) {
            state.again = true; // e.g. another department chosen meanwhile: refresh once more when done
            return;
        }
        state.busy = true;
        const department = state.department;
        try {
            await draw(department);
        } catch (error) {
            if (state.department === department) {
                showError(error);
            }
        } finally {
            state.busy = false;
        }
        if (state.again) {
            state.again = false;
            await refresh();
        }
    }

    function selectDepartment() {
        const select = byId('department');
        state.department = {id: select.value};
        state.encounters.clear();
        state.windowStart = null;
        state.since = null;
        state.refreshes = 0;
        delete document.body.dataset.view; // what is on screen is no longer this department's
        refresh();
    }

    async function start() {
        setStatus('Chargement du service…');
        let found;
        try {
            found = await departments();
        } catch (error) {
            showError(error);
            return;
        }
        const select = byId('department');
        select.replaceChildren(...found.map((l) => new Option(l.name || 'Location/' + l.id, l.id)));
        if (found.length === 0) {
            setStatus('Aucun service d’urgence (Location de type ER) dans Vigie.');
            return;
        }
        selectDepartment();
        clearInterval(state.timer);
        state.timer = setInterval(refresh, D.config().activity.refreshSeconds * 1000);
    }

    D.setup({
        start,
        stop: () => {
            clearInterval(state.timer);
            state.department = null;
            state.encounters.clear();
        },
        listen: () => {
            byId('department').addEventListener('change', selectDepartment);
            byId('refresh').addEventListener('click', refresh);
        }
    });
})();
