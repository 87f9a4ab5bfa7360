/**
 * Pictures of what a network attends to: an {@link dev.attnvision.core.explain.Explainer} runs one forward pass with
 * an {@code AttentionRecorder} in the call's params and turns the recorded maps into
 * {@link dev.attnvision.core.explain.Figure}s ({@link dev.attnvision.core.explain.HeatmapSheet} for spatial maps over
 * the image, {@link dev.attnvision.core.explain.BarChartFigure} for weights); the
 * {@link dev.attnvision.core.explain.ExplainOperation} runs it on the batch pipeline, one output part per figure.
 *
 * <p>A new network family plugs in with an explainer of its own and one case in {@code ExplainOperation}'s two
 * switches over {@code ModelArchitecture} (its parts, its explainer). For the single-stage detector that is: record
 * the HAR-Net spatial maps ({@code HarSpatialAttention.PROBE_MAP}, one per pyramid level, told apart by call order),
 * draw them as one {@code HeatmapSheet} (each map is stretched over the image, whatever its stride), and the
 * squeeze-excitation weights ({@code SqueezeExcitation.PROBE_CHANNEL_WEIGHTS}) of the chosen stages as one
 * {@code BarChartFigure} per stage.
 */
package dev.attnvision.core.explain;
