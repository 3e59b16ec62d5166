package fr.vigie.server.activity;

/**
 * The department during one simulated hour.
 *
 * @param hour hour number from the start of the simulation (0 = the first hour)
 * @param arrivals patients arrived
 * @param started treatments started
 * @param departures patients gone (left unseen included)
 * @param leftUnseen patients who left without being seen
 * @param meanWaiting mean number of triaged patients waiting for a doctor (minute by minute)
 * @param maxWaiting the most waiting at any minute
 * @param meanBoxesUsed mean occupied boxes
 * @param maxBoxesUsed the most occupied boxes at any minute
 * @param meanBusyDoctors mean doctors treating a patient
 * @param meanDoctorsOnShift mean doctors on shift
 */
public record HourStat(
        int hour,
        int arrivals,
        int started,
        int departures,
        int leftUnseen,
        double meanWaiting,
        int maxWaiting,
        double meanBoxesUsed,
        int maxBoxesUsed,
        double meanBusyDoctors,
        double meanDoctorsOnShift) {}
