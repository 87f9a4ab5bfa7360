/**
 * Pictures of what a network attends to: an {@link dev.attnvision.core.explain.Explainer} runs one forward pass with
 * an {@code AttentionRecorder} in the call's params and turns the recorded maps into
 * {@link dev.attnvision.core.explain.Figure}s ({@link dev.attnvision.core.explain.HeatmapSheet} for spatial maps over
 * the image, {@link dev.attnvision.core.explain.BarChartFigure} for weights); the
 * {@link dev.attnvision.core.explain.ExplainOperation} runs it on the batch pipeline, one output part per figure.
 *
 * <p>A new network family plugs in with an explainer of its own and one case in {@code ExplainOperation}'s two
 * switches over {@code ModelArchitecture} (its parts, its explainer), as {@link dev.attnvision.core.explain.A2nExplainer}
 * and {@link dev.attnvision.core.explain.DetectorExplainer} do.
 */
package dev.attnvision.core.explain;
