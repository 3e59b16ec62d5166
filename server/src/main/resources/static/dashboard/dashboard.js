/*
 * Shared by Vigie's dashboards (missions.js, activity.js): settings (config.json), sign-in with the read-only client
 * (SMART client_credentials; the secret the user types stays in this tab's sessionStorage to renew the short-lived
 * tokens), FHIR GETs with the token, and the output helpers (tables of numbers, ECharts charts, French formats).
 * Exposed as window.VigieDashboard. Labels are French; code and comments are English. Nothing secret is in this file.
 */
(function () {
    'use strict';

    const SECRET_KEY = 'vigie.dashboard.secret';

    const integer = new Intl.NumberFormat('fr-FR', {maximumFractionDigits: 0});
    const decimal1 = new Intl.NumberFormat('fr-FR', {minimumFractionDigits: 1, maximumFractionDigits: 1});
    const percent = new Intl.NumberFormat('fr-FR', {style: 'percent', maximumFractionDigits: 1});

    const state = {config: null, token: null, tokenExpiry: 0, charts: new Map()};

    const byId = (id) => document.getElementById(id);

    /** Asks the user to sign in again, with why. */
    class SignInNeeded extends Error {}

    // ---------------------------------------------------------------- token and FHIR calls

    function basicCredentials(id, secret) {
        // RFC 6749 §2.3.1: id and secret are form-encoded before Basic; btoa needs the UTF-8 bytes as Latin-1
        const bytes = new TextEncoder().encode(encodeURIComponent(id) + ':' + encodeURIComponent(secret));
        return btoa(String.fromCharCode(...bytes));
    }

    async function token() {
        if (state.token && Date.now() < state.tokenExpiry) {
            return state.token;
        }
        const secret = sessionStorage.getItem(SECRET_KEY);
        if (!secret) {
            throw new SignInNeeded('');
        }
        let response;
        try {
            response = await fetch(state.config.tokenEndpoint, {
                method: 'POST',
                headers: {
                    Authorization: 'Basic ' + basicCredentials(state.config.clientId, secret),
                    Accept: 'application/json'
                },
                body: new URLSearchParams({grant_type: 'client_credentials', scope: state.config.scope}),
                credentials: 'omit',
                cache: 'no-store'
            });
        } catch (e) {
            throw new Error('Le serveur d’autorisation ne répond pas (' + state.config.tokenEndpoint + ').');
        }
        const body = await response.json().catch(() => ({}));
        if (response.status === 400 || response.status === 401) {
            sessionStorage.removeItem(SECRET_KEY);
            throw new SignInNeeded('Secret refusé par le serveur d’autorisation (' + (body.error || response.status)
                + (body.error_description ? ' : ' + body.error_description : '') + ').');
        }
        if (!response.ok || !body.access_token) {
            throw new Error('Pas de jeton d’accès : le serveur d’autorisation a répondu ' + response.status + '.');
        }
        state.token = body.access_token;
        // renew 30 s before expiry
        state.tokenExpiry = Date.now() + Math.max(10, (body.expires_in || 60) - 30) * 1000;
        return state.token;
    }

    function diagnostics(body) {
        if (body && body.resourceType === 'OperationOutcome') {
            return (body.issue || []).map((i) => i.diagnostics || i.code).join(' ; ');
        }
        return '';
    }

    /** GET of a FHIR URL (absolute, or relative to the FHIR base) with the token; errors say what failed. */
    async function fhirGet(url, retried) {
        const absolute = /^https?:/.test(url) ? url : state.config.fhirBase + '/' + url;
        const response = await fetch(absolute, {
            // no-cache: HAPI would otherwise answer a repeated search from its one-minute cache, not live
            headers: {Authorization: 'Bearer ' + await token(), Accept: 'application/fhir+json',
                'Cache-Control': 'no-cache'},
            credentials: 'omit',
            cache: 'no-store'
        });
        if (response.status === 401 && !retried) {
            state.token = null;
            return fhirGet(url, true);
        }
        const body = await response.json().catch(() => null);
        if (response.status === 403) {
            throw new Error('Le client ' + state.config.clientId + ' n’a pas le droit de lire ' + url.split('?')[0]
                + ' (scope ' + state.config.scope + ') : ' + diagnostics(body));
        }
        if (!response.ok) {
            throw new Error('L’API FHIR a répondu ' + response.status + ' à ' + url.split('?')[0] + ' : '
                + diagnostics(body));
        }
        return body;
    }

    /** Every resource of a search, following the Bundle's next links (at most maxPages pages). */
    async function searchAll(url, maxPages) {
        const resources = [];
        let next = url;
        for (let page = 0; next && page < (maxPages || 100); page++) {
            const bundle = await fhirGet(next);
            for (const entry of bundle.entry || []) {
                if (entry.resource && (!entry.search || entry.search.mode !== 'outcome')) {
                    resources.push(entry.resource);
                }
            }
            const link = (bundle.link || []).find((l) => l.relation === 'next');
            next = link ? link.url : null;
        }
        return resources;
    }

    /** The total of a search asked with _summary=count. */
    async function count(url) {
        const bundle = await fhirGet(url + (url.includes('?') ? '&' : '?') + '_summary=count');
        return bundle.total || 0;
    }

    // ---------------------------------------------------------------- output helpers

    function formatInteger(value) {
        return value === null || value === undefined ? '—' : integer.format(value);
    }

    function formatDecimal(value) {
        return value === null || value === undefined ? '—' : decimal1.format(value);
    }

    function formatShare(part, whole) {
        return whole > 0 ? percent.format(part / whole) : '—';
    }

    /** A table: header cells, body rows (first cell a row header), optional footer row. Text only (no HTML). */
    function table(id, caption, headers, rows, footer) {
        const element = document.createElement('table');
        element.id = id;
        const captionElement = element.createCaption();
        captionElement.textContent = caption;
        const head = element.createTHead().insertRow();
        for (const header of headers) {
            const th = document.createElement('th');
            th.scope = 'col';
            th.textContent = header;
            head.appendChild(th);
        }
        const fill = (section, cells) => {
            const row = section.insertRow();
            cells.forEach((cell, i) => {
                const element = document.createElement(i === 0 ? 'th' : 'td');
                if (i === 0) {
                    element.scope = 'row';
                }
                element.textContent = cell;
                row.appendChild(element);
            });
        };
        const body = element.createTBody();
        rows.forEach((cells) => fill(body, cells));
        if (footer) {
            fill(element.createTFoot(), footer);
        }
        return element;
    }

    function empty(text) {
        const p = document.createElement('p');
        p.className = 'empty';
        p.textContent = text;
        return p;
    }

    /**
     * Fills a section: its numbers (a table or a message) and its chart (or hides it). onNewChart(chart) runs once
     * when the section's chart is created (e.g. to listen to clicks).
     */
    function render(sectionId, content, option, onNewChart) {
        const section = byId(sectionId);
        section.querySelector('.numbers').replaceChildren(content);
        const chartElement = section.querySelector('.chart');
        if (!chartElement) {
            return; // a section of numbers only
        }
        let chart = state.charts.get(sectionId);
        if (!option || !window.echarts) {
            chartElement.hidden = true;
            if (chart) {
                chart.clear();
            }
            return;
        }
        chartElement.hidden = false;
        if (!chart) {
            chart = window.echarts.init(chartElement);
            state.charts.set(sectionId, chart);
            if (onNewChart) {
                onNewChart(chart);
            }
        }
        chart.clear();
        chart.setOption(Object.assign({animation: false, textStyle: {fontFamily: 'DejaVu Sans, sans-serif'}}, option));
        chart.resize();
    }

    function stackedBars(categories, series, horizontal) {
        const categoryAxis = {type: 'category', data: categories, axisLabel: {interval: 0}};
        const valueAxis = {type: 'value', axisLabel: {formatter: (value) => integer.format(value)}};
        return {
            tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
            legend: {top: 0},
            grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true},
            xAxis: horizontal ? valueAxis : categoryAxis,
            yAxis: horizontal ? Object.assign({inverse: true}, categoryAxis) : valueAxis,
            series: series.map((s) => ({
                name: s.name, type: 'bar', stack: 'total', data: s.data, itemStyle: {color: s.color}
            }))
        };
    }

    function pie(data) {
        return {
            tooltip: {trigger: 'item'},
            legend: {top: 0, type: 'scroll'},
            series: [{
                type: 'pie',
                radius: ['35%', '65%'],
                top: 24,
                label: {
                    formatter: (p) => p.name + '\n' + integer.format(p.value) + ' (' + percent.format(p.percent / 100) + ')'
                },
                data: data
            }]
        };
    }

    // ---------------------------------------------------------------- flow

    function setStatus(text) {
        byId('status').textContent = text;
    }

    function showSignIn(message) {
        byId('dashboard').hidden = true;
        byId('signin').hidden = false;
        byId('signin-error').textContent = message || '';
        setStatus('Connexion nécessaire.');
        byId('client-secret').focus();
    }

    function showError(error) {
        if (error instanceof SignInNeeded) {
            showSignIn(error.message);
            return;
        }
        byId('load-error').textContent = error.message;
        setStatus('Erreur de chargement.');
    }

    /** The sign-in form, in the page's #signin section (whose data-reads says what the page reads). */
    function buildSignIn() {
        const section = byId('signin');
        const element = (tag, attributes, text) => {
            const e = document.createElement(tag);
            Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
            if (text) {
                e.textContent = text;
            }
            return e;
        };
        const intro = element('p', {}, 'Le tableau de bord lit ' + section.dataset.reads + ' par l’API FHIR de Vigie'
            + ' avec le client en lecture seule ');
        intro.append(element('code', {id: 'client-id'}), '. Saisissez son secret, fourni par l’administrateur de'
            + ' Vigie : il n’est gardé que dans cet onglet, le temps de la session.');
        const form = element('form', {id: 'signin-form'});
        form.append(intro, element('label', {for: 'client-secret'}, 'Secret du client'),
            element('input', {id: 'client-secret', name: 'client-secret', type: 'password',
                autocomplete: 'current-password', required: ''}),
            element('button', {type: 'submit', id: 'signin-button'}, 'Se connecter'),
            element('p', {id: 'signin-error', class: 'error', role: 'alert'}));
        section.replaceChildren(element('h2', {id: 'signin-title'}, 'Connexion'), form);
    }

    /**
     * Starts a page: reads config.json, wires the sign-in form and the « Se déconnecter » button, then calls
     * page.start() once signed in (page.stop() on sign-out; page.listen() once, to add the page's own listeners).
     */
    async function setup(page) {
        buildSignIn();
        async function start() {
            byId('signin').hidden = true;
            byId('dashboard').hidden = false;
            byId('load-error').textContent = '';
            await page.start();
        }
        try {
            const response = await fetch('config.json', {credentials: 'omit', cache: 'no-store'});
            state.config = await response.json();
        } catch (error) {
            setStatus('Réglages du tableau de bord illisibles (config.json).');
            return;
        }
        byId('client-id').textContent = state.config.clientId;
        if (!state.config.tokenEndpoint) {
            setStatus('Aucun point d’obtention de jeton configuré (vigie.security.token-endpoint).');
            return;
        }
        if (!window.echarts) {
            byId('load-error').textContent = 'Bibliothèque de graphiques absente : seuls les tableaux sont affichés.';
        }
        byId('signin-form').addEventListener('submit', async (event) => {
            event.preventDefault();
            const input = byId('client-secret');
            sessionStorage.setItem(SECRET_KEY, input.value);
            input.value = '';
            state.token = null;
            try {
                await token();
            } catch (error) {
                showSignIn(error.message);
                return;
            }
            await start();
        });
        byId('signout').addEventListener('click', () => {
            sessionStorage.removeItem(SECRET_KEY);
            state.token = null;
            page.stop();
            showSignIn('');
        });
        window.addEventListener('resize', () => state.charts.forEach((chart) => chart.resize()));
        page.listen();
        if (sessionStorage.getItem(SECRET_KEY)) {
            await start();
        } else {
            showSignIn('');
        }
    }

    window.VigieDashboard = {
        config: () => state.config,
        byId, fhirGet, searchAll, count, SignInNeeded,
        formatInteger, formatDecimal, formatShare, integer, percent,
        table, empty, render, stackedBars, pie,
        setStatus, showError, setup
    };
})();
