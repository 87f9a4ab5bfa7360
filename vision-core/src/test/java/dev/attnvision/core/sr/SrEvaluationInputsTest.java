package dev.attnvision.core.sr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.data.degradation.Degradations;
import dev.attnvision.core.image.MatlabBicubic;
import dev.attnvision.core.image.Raster;
import dev.attnvision.core.testing.TestImages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SrEvaluationInputsTest {
    private static Map<String, Raster> images() {
        Map<String, Raster> hr = new LinkedHashMap<>();
        hr.put("a.png", TestImages.noise(41, 30, 1));
        hr.put("b.png", TestImages.noise(36, 37, 2));
        return hr;
    }

    @Test
    void aSeededDegradationDrawsEachImageFromItsNameAndTheSeed() {
        Map<String, Raster> hr = images();
        List<SrEvaluation.Pair> one = SrEvaluation.pairs(hr, 2, Degradations.seeded("real:1"));
        assertEquals(one, SrEvaluation.pairs(hr, 2, Degradations.seeded("real:1")));
        assertNotEquals(one.get(0).lr(), SrEvaluation.pairs(hr, 2, Degradations.seeded("real:2")).get(0).lr());
        Map<String, Raster> justB = Map.of("b.png", hr.get("b.png"));
        assertEquals(one.get(1), SrEvaluation.pairs(justB, 2, Degradations.seeded("real:1")).get(0),
                "a subset reproduces the same draws");
        assertEquals(40, one.get(0).hr().width(), "cropped to a multiple of the scale");
        assertEquals(20, one.get(0).lr().width());
        assertEquals(15, one.get(0).lr().height());
    }

    @Test
    void bicubicPairsAreTheStandardBenchmarkInputs() {
        SrEvaluation.Pair pair = SrEvaluation.pairs(images(), 3, Degradations.seeded("bicubic")).get(1);
        assertEquals(MatlabBicubic.downscale(images().get("b.png"), 3), pair.lr());
    }

    @Test
    void givenInputsAreMatchedByStemOrBenchmarkNameAndMisfitsAreNamed() {
        Map<String, Raster> hr = images();
        hr.put("c.png", TestImages.noise(20, 20, 3));
        Map<String, Raster> lr = new LinkedHashMap<>();
        lr.put("a.jpg", TestImages.noise(20, 15, 4));
        lr.put("bx2.png", TestImages.noise(18, 18, 5));
        lr.put("c.png", TestImages.noise(9, 10, 6));
        lr.put("extra.png", TestImages.noise(9, 9, 7));
        SrEvaluation.Matching matching = SrEvaluation.matched(hr, lr, 2);
        assertEquals(List.of("a.png", "b.png"), matching.pairs().stream().map(SrEvaluation.Pair::name).toList());
        assertEquals(40, matching.pairs().get(0).hr().width());
        assertEquals(2, matching.problems().size(), matching.problems().toString());
        assertTrue(matching.problems().get(0).startsWith("c.png: its input c.png is 9x10, not 1/2 of 20x20"),
                matching.problems().toString());
        assertTrue(matching.problems().get(1).startsWith("extra.png: an input without a ground truth"),
                matching.problems().toString());
    }
}
