/**
 * Length-of-stay prediction (issue 7, {@code $los}): XGBoost quantile models for emergency stays (minutes, trained on
 * the KTAS data and shipped under {@code models/los-emergency/}) and inpatient stays (days, trained from the
 * server's own Encounters by {@code $los-train} and kept as a FHIR Library).
 */
package fr.vigie.server.los;
