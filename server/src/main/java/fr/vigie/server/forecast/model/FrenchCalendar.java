package fr.vigie.server.forecast.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;

/**
 * Calendar features of a day: day of week (one-hot, Monday first), French public holiday (the 11 national holidays of
 * the Code du travail L3133-1: 1 January, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
 * 1 November, 11 November, 25 December; Alsace-Moselle's Good Friday and 26 December are not included), the day after
 * a holiday, and two annual harmonics of the day of year.
 */
public final class FrenchCalendar {

    /** Column names, in the order of {@link #features(LocalDate)}. */
    public static final List<String> NAMES = List.of(
            "cal:mon",
            "cal:tue",
            "cal:wed",
            "cal:thu",
            "cal:fri",
            "cal:sat",
            "cal:sun",
            "cal:holiday",
            "cal:after-holiday",
            "cal:year-sin1",
            "cal:year-cos1",
            "cal:year-sin2",
            "cal:year-cos2");

    private FrenchCalendar() {}

    /** Calendar features of one day, in {@link #NAMES} order. */
    public static double[] features(LocalDate date) {
        double[] f = new double[NAMES.size()];
        f[date.getDayOfWeek().getValue() - 1] = 1;
        f[7] = isPublicHoliday(date) ? 1 : 0;
        f[8] = isPublicHoliday(date.minusDays(1)) ? 1 : 0;
        double angle = 2 * Math.PI * (date.getDayOfYear() - 1) / date.lengthOfYear();
        f[9] = Math.sin(angle);
        f[10] = Math.cos(angle);
        f[11] = Math.sin(2 * angle);
        f[12] = Math.cos(2 * angle);
        return f;
    }

    /** Whether a day is a French national public holiday. */
    public static boolean isPublicHoliday(LocalDate date) {
        int day = date.getDayOfMonth();
        switch (date.getMonth()) {
            case JANUARY:
                if (day == 1) {
                    return true;
                }
                break;
            case MAY:
                if (day == 1 || day == 8) {
                    return true;
                }
                break;
            case JULY:
                if (day == 14) {
                    return true;
                }
                break;
            case AUGUST:
                if (day == 15) {
                    return true;
                }
                break;
            case NOVEMBER:
                if (day == 1 || day == 11) {
                    return true;
                }
                break;
            case DECEMBER:
                if (day == 25) {
                    return true;
                }
                break;
            default:
                break;
        }
        LocalDate easter = easterSunday(date.getYear());
        return date.equals(easter.plusDays(1)) || date.equals(easter.plusDays(39)) || date.equals(easter.plusDays(50));
    }

    /** Whether a day is Saturday or Sunday. */
    public static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, Month.of(month), day);
    }
}
