package dev.attnvision.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.Raster;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartFigureTest {
    @Test
    void rendersAndWidensWithTheCategories() {
        BarChartFigure.Series weights = new BarChartFigure.Series("weight", new double[40]);
        List<String> names = java.util.stream.IntStream.range(0, 40).mapToObj(Integer::toString).toList();
        Raster many = new BarChartFigure("se", "SE", "channel", "weight", names, List.of(weights), false).render();
        Raster few = new BarChartFigure("w", "w", "x", "y", List.of("a", "b"),
                List.of(new BarChartFigure.Series("s", new double[] {0.25, 0.75})), true).render();
        assertEquals(3, many.channels());
        assertEquals(640, few.width());
        assertTrue(many.width() > few.width(), many + " vs " + few);
    }

    @Test
    void aSeriesMustFitTheCategories() {
        String why = assertThrows(IllegalArgumentException.class, () -> new BarChartFigure("w", "w", "x", "y",
                List.of("a", "b"), List.of(new BarChartFigure.Series("s", new double[] {1})), false)).getMessage();
        assertEquals("series 's' has 1 values for 2 categories", why);
    }
}
