package dev.attnvision.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Locale;

/**
 * How a (B, C, H, W) attention map becomes one plane per image for drawing: the mean over its channels, or one
 * channel. Applied inside the forward pass (see {@code AttentionRecorder.Reduction}), so only planes are copied.
 */
public final class ChannelChoice {
    private static final int MEAN = -1;

    private final int channel;

    private ChannelChoice(int channel) {
        this.channel = channel;
    }

    /** The mean over all channels. */
    public static ChannelChoice mean() {
        return new ChannelChoice(MEAN);
    }

    /**
     * One channel.
     *
     * @param channel 0-based index
     */
    public static ChannelChoice channel(int channel) {
        if (channel < 0) {
            throw new IllegalArgumentException("a channel index is 0 or more, got " + channel);
        }
        return new ChannelChoice(channel);
    }

    /**
     * Reads {@code mean} or a channel index, as typed on the command line.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ChannelChoice parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("mean")) {
            return mean();
        }
        try {
            return channel(Integer.parseInt(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a channel: give 'mean' or an index from 0");
        }
    }

    /**
     * Checks the choice against a network's channel count.
     *
     * @throws IllegalArgumentException if the channel does not exist
     */
    public ChannelChoice requireWithin(int channels) {
        if (channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " does not exist: the maps have " + channels
                    + " channels (0 to " + (channels - 1) + ")");
        }
        return this;
    }

    /** Whether this is the mean over channels (the default). */
    public boolean isMean() {
        return channel == MEAN;
    }

    /** The (B, 1, H, W) plane of a (B, C, H, W) map, in the map's manager. */
    public NDArray reduce(NDArray map) {
        return channel == MEAN ? map.mean(new int[] {1}, true) : map.get(new NDIndex(":, {}:{}", channel, channel + 1));
    }

    /** For titles: "mean over 40 channels" or "channel 7". */
    public String describe(int channels) {
        return channel == MEAN ? "mean over " + channels + " channels" : "channel " + channel;
    }

    /** For JSON and messages: "mean" or the index. */
    @Override
    public String toString() {
        return channel == MEAN ? "mean" : Integer.toString(channel);
    }
}
