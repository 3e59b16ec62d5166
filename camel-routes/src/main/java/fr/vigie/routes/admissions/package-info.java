/** The {@code admissions} feed: hospitals' daily admission counts as MeasureReports. */
package fr.vigie.routes.admissions;
