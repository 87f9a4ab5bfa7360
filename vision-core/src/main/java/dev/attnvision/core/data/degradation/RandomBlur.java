package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Blurs with a random kernel, Real-ESRGAN's blur step (arXiv:2107.10833, section 3.1): an odd side drawn from
 * {@code sizes}; with probability {@code sincProbability} a {@link SincKernel} (cutoff in [π/3, π] below 13 pixels,
 * [π/5, π] otherwise), else one of six kinds by {@code kindWeights} — isotropic and anisotropic {@link GaussianKernel},
 * {@link GeneralizedGaussianKernel} and {@link PlateauKernel} — with standard deviations from {@code sigma}, a rotation
 * in [-π, π] for the anisotropic ones (isotropic: {@code σy = σx}, no rotation), and a shape β drawn below or above 1
 * with equal odds from {@code generalizedBeta} or {@code plateauBeta}.
 *
 * @param sizes the range of the kernel side (odd ends, at least 3)
 * @param kindWeights relative odds of iso, aniso, generalized iso, generalized aniso, plateau iso, plateau aniso
 * @param sigma standard deviations in pixels
 * @param generalizedBeta shapes of the generalized Gaussian
 * @param plateauBeta shapes of the plateau kernel
 * @param sincProbability odds of a sinc kernel instead
 */
public record RandomBlur(Range sizes, double[] kindWeights, Range sigma, Range generalizedBeta, Range plateauBeta,
        double sincProbability) {
    /** The kinds of {@link #kindWeights}, in order. */
    public enum Kind { ISO, ANISO, GENERALIZED_ISO, GENERALIZED_ANISO, PLATEAU_ISO, PLATEAU_ANISO }

    public RandomBlur {
        if (sizes.min() < 3 || sizes.min() % 2 != 1 || sizes.max() % 2 != 1) {
            throw new IllegalArgumentException("blur kernel sides must be odd and at least 3, got " + sizes);
        }
        if (kindWeights.length != Kind.values().length) {
            throw new IllegalArgumentException("blur kind weights need " + Kind.values().length + " values (iso, aniso,"
                    + " generalized iso, generalized aniso, plateau iso, plateau aniso), got " + kindWeights.length);
        }
        kindWeights = Probability.checkWeights(kindWeights, "blur kind weights");
        sigma.within(1e-3, 100, "blur sigma");
        generalizedBeta.within(1e-3, 100, "generalized Gaussian beta");
        plateauBeta.within(1e-3, 100, "plateau beta");
        Probability.check(sincProbability, "the sinc probability");
    }

    /** {@code image} blurred by a kernel drawn from {@code random}. */
    public Raster apply(Raster image, SplittableRandom random) {
        return draw(random).apply(image);
    }

    /** A kernel drawn from {@code random} as the class comment says. */
    public Kernel draw(SplittableRandom random) {
        int size = oddSide(sizes, random);
        if (random.nextDouble() < sincProbability) {
            return SincKernel.of(size, new Range(size < 13 ? Math.PI / 3 : Math.PI / 5, Math.PI).draw(random));
        }
        Kind kind = Kind.values()[Probability.choose(kindWeights, random.nextDouble())];
        boolean anisotropic = kind == Kind.ANISO || kind == Kind.GENERALIZED_ANISO || kind == Kind.PLATEAU_ANISO;
        double sx = sigma.draw(random);
        double sy = anisotropic ? sigma.draw(random) : sx;
        double theta = anisotropic ? new Range(-Math.PI, Math.PI).draw(random) : 0;
        return switch (kind) {
            case ISO, ANISO -> GaussianKernel.of(size, sx, sy, theta);
            case GENERALIZED_ISO, GENERALIZED_ANISO -> GeneralizedGaussianKernel.of(size, sx, sy, theta,
                    shape(generalizedBeta, random));
            case PLATEAU_ISO, PLATEAU_ANISO -> PlateauKernel.of(size, sx, sy, theta, shape(plateauBeta, random));
        };
    }

    /** An odd side in {@code sides}, uniformly. */
    static int oddSide(Range sides, SplittableRandom random) {
        int smallest = (int) sides.min();
        int count = ((int) sides.max() - smallest) / 2 + 1;
        return smallest + 2 * random.nextInt(count);
    }

    /** Below 1 or above 1 with equal odds, uniform within the part of {@code beta} on that side. */
    private static double shape(Range beta, SplittableRandom random) {
        boolean below = random.nextBoolean();
        double low = below ? beta.min() : Math.max(1, beta.min());
        double high = below ? Math.min(1, beta.max()) : beta.max();
        return low <= high ? new Range(low, high).draw(random) : beta.draw(random);
    }
}
