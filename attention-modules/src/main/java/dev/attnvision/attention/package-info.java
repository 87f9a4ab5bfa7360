/**
 * Attention mechanisms as DJL blocks, each named after its paper.
 *
 * <p>Every block takes and returns one (B, C, H, W) array and is written in logical NCHW; it also
 * accepts channels-last views (an NHWC array transposed to NCHW), which make PyTorch convolutions
 * faster, and avoids ops that would force a contiguous copy. Blocks are built with a {@code
 * Builder} ({@code setX} required, {@code optX} optional); children carry the parameter names
 * that {@link dev.attnvision.attention.ParameterPaths} turns into PyTorch-style dotted keys.
 *
 * <p>To look at attention maps, pass an {@link dev.attnvision.attention.AttentionProbe} (for
 * example an {@link dev.attnvision.attention.AttentionRecorder}) in a forward call's params with
 * {@link dev.attnvision.attention.AttentionProbe#params}; each block documents what it records.
 * Without a probe nothing is copied or kept.
 */
package dev.attnvision.attention;
