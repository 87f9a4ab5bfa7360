package dev.attnvision.cli;

/** Short human durations for progress lines: "45s", "3m05s", "2h10m". */
final class Durations {
    private Durations() {}

    static String human(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
