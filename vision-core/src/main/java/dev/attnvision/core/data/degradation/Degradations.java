package dev.attnvision.core.data.degradation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The degradations users choose by name: {@code bicubic}, a {@link RealDegradation} per {@link DegradationPreset} and
 * the one-stage {@link PhotoDegradation#PHOTO}.
 */
public final class Degradations {
    private Degradations() {}

    /** Every name, the default first. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(BicubicDegradation.INSTANCE.name());
        DegradationPreset.ALL.forEach(p -> names.add(p.name()));
        names.add(PhotoDegradation.PHOTO.name());
        return names;
    }

    /**
     * The degradation called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid choices if there is none
     */
    public static Degradation named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals(BicubicDegradation.INSTANCE.name())) {
            return BicubicDegradation.INSTANCE;
        }
        if (key.equals(PhotoDegradation.PHOTO.name())) {
            return PhotoDegradation.PHOTO;
        }
        return DegradationPreset.named(name).<Degradation>map(RealDegradation::new)
                .orElseThrow(() -> new IllegalArgumentException("unknown degradation '" + name + "' (expected one of "
                        + String.join(", ", names()) + ")"));
    }

    /**
     * A seeded degradation, {@code NAME[:SEED]} as {@code eval sr --degradation} takes it (the seed defaults to 1).
     *
     * @throws IllegalArgumentException naming the valid forms if {@code text} is not one
     */
    public static Seeded seeded(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        long seed = 1;
        if (colon >= 0) {
            try {
                seed = Long.parseLong(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the seed in '" + text + "' is not a whole number (expected NAME or"
                        + " NAME:SEED, NAME one of " + String.join(", ", names()) + ")");
            }
        }
        return new Seeded(named(name), seed);
    }

    /**
     * A degradation with the seed of its draws.
     *
     * @param degradation the degradation
     * @param seed the seed
     */
    public record Seeded(Degradation degradation, long seed) {
        /** {@code NAME:SEED}, or {@code NAME} for a deterministic degradation. */
        public String label() {
            return degradation.deterministic() ? degradation.name() : degradation.name() + ":" + seed;
        }
    }
}
