package dev.attnvision.core.explain;

import java.util.List;
import java.util.Map;

/**
 * What an {@link Explainer} found in one image.
 *
 * @param figures the pictures, one per output part
 * @param fields the numbers behind them for the per-image JSON record (names to JSON-serialisable values)
 */
public record Explanation(List<Figure> figures, Map<String, Object> fields) {
    public Explanation {
        figures = List.copyOf(figures);
        fields = Map.copyOf(fields);
    }
}
