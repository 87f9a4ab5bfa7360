package dev.attnvision.core.data.synth;

import dev.attnvision.core.data.DetectionSource;
import dev.attnvision.core.data.LabeledImage;
import dev.attnvision.core.train.Seeds;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A set of {@code size} synthetic scenes, scene {@code i} drawn on demand from the random stream {@code i} of
 * {@code seed} ({@link Seeds#derive}): the same seed always gives the same set, without keeping it in memory.
 */
public final class SyntheticDetectionSource implements DetectionSource {
    private final SyntheticSceneGenerator generator;
    private final SceneConfig config;
    private final int size;
    private final long seed;

    /**
     * @param config what the scenes look like
     * @param size number of scenes, at least 1
     * @param seed the set's seed
     */
    public SyntheticDetectionSource(SceneConfig config, int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("a synthetic set needs at least 1 scene, got " + size);
        }
        this.generator = new SyntheticSceneGenerator(config);
        this.config = config;
        this.size = size;
        this.seed = seed;
    }

    @Override
    public List<String> classNames() {
        return generator.classNames();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public LabeledImage load(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("scene " + index + " of a set of " + size);
        }
        return generator.generate(new SplittableRandom(Seeds.derive(seed, index)));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%d synthetic %dx%d shape scenes (seed %d)", size, config.width(),
                config.height(), seed);
    }
}
