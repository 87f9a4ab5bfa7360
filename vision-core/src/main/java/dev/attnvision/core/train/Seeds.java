package dev.attnvision.core.train;

/**
 * Independent random streams from one run seed: the seed of stream {@code index} (a batch, a parameter) is
 * {@code mix(mix(seed) + index)}, with {@code mix} the 64-bit finaliser of Steele, Lea and Flood's SplitMix64
 * (OOPSLA 2014; Stafford's "variant 13" constants). Seeding {@code SplittableRandom} with {@code seed ^ (index * gamma)}
 * instead would make stream {@code i + 1} stream {@code i} shifted by one value, because {@code SplittableRandom}
 * advances its state by that same gamma.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed of stream {@code index} of the run seeded with {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(mix(seed) + index);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
