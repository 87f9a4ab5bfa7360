package dev.attnvision.core.data.degradation;

import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import java.util.SplittableRandom;

/** The benchmark degradation: MATLAB's antialiased bicubic {@code imresize} ({@link MatlabBicubic}), nothing random. */
public final class BicubicDegradation implements Degradation {
    /** The one instance. */
    public static final BicubicDegradation INSTANCE = new BicubicDegradation();

    private BicubicDegradation() {}

    @Override
    public Raster degrade(Raster hr, int scale, SplittableRandom random) {
        return MatlabBicubic.downscale(hr, scale);
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public String name() {
        return "bicubic";
    }
}
