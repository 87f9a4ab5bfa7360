package dev.attnvision.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxSanitizerTest {
    private static final Path FILE = Path.of("a.xml");
    private static final List<String> CLASSES = List.of("cat", "dog");

    @Test
    void swappedCornersDuplicatesAndBoxesOutsideAreNamedAndLeftOutOrClipped() {
        BoxSanitizer sanitizer = new BoxSanitizer();
        List<BoxLabel> kept = sanitizer.sanitize(List.of(
                new BoxLabel(10, 10, 30, 30, 0),
                new BoxLabel(30, 10, 10, 30, 0),          // corners swapped
                new BoxLabel(10.2f, 10, 30, 30.1f, 0),    // the first drawn again
                new BoxLabel(10, 10, 30, 30, 1),          // same place, other class: kept
                new BoxLabel(90, 40, 101, 50.5f, 1),      // within a pixel of the edge: clipped silently
                new BoxLabel(-5, 0, 20, 20, 1),           // reaches out by 5 px: clipped and named
                new BoxLabel(120, 10, 130, 20, 0)),       // wholly outside
                100, 50, CLASSES, FILE, "");
        assertEquals(List.of(new BoxLabel(10, 10, 30, 30, 0), new BoxLabel(10, 10, 30, 30, 1),
                new BoxLabel(90, 40, 100, 50, 1), new BoxLabel(0, 0, 20, 20, 1)), kept);
        List<DataIssue> issues = sanitizer.issues();
        assertEquals(List.of(DataIssue.Kind.DEGENERATE_BOX, DataIssue.Kind.DUPLICATE_BOX,
                DataIssue.Kind.OUT_OF_IMAGE_BOX, DataIssue.Kind.OUT_OF_IMAGE_BOX),
                issues.stream().map(DataIssue::kind).toList());
        assertTrue(issues.stream().allMatch(i -> i.file().equals(FILE) && i.kind().error()));
        assertEquals("a.xml: degenerate box: a cat box (30, 10, 10, 30) has no area (right or bottom edge not after"
                + " left or top)", issues.get(0).toString());
        assertTrue(issues.get(2).detail().startsWith("a dog box (-5, 0, 20, 20) reaches beyond"), issues.toString());
    }
}
