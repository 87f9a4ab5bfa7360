package dev.attnvision.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attnvision.core.image.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLayoutTest {
    @TempDir Path dir;

    private static InputFile input(String relative) {
        return new InputFile(Path.of("/in").resolve(relative), Path.of(relative));
    }

    @Test
    void mirrorsTheTreeAndKeepsWritableExtensions() {
        OutputLayout same = new OutputLayout(dir, null, 90, "", ExistingOutput.FAIL);
        assertEquals(dir.resolve("a/b/photo.JPEG"), same.targetFor(input("a/b/photo.JPEG")).path());
        assertEquals(ImageFormat.JPEG, same.targetFor(input("a/b/photo.JPEG")).encoding().format());
        assertEquals(dir.resolve("scan.png"), same.targetFor(input("scan.bmp")).path());
        OutputLayout webp = new OutputLayout(dir, ImageFormat.WEBP, 80, "_x2", ExistingOutput.FAIL);
        assertEquals(dir.resolve("a/photo_x2.webp"), webp.targetFor(input("a/photo.jpg")).path());
        assertEquals(80, webp.targetFor(input("a/photo.jpg")).encoding().quality());
    }

    @Test
    void refusesToOverwriteAnInputAndCreatesTheFolder() throws Exception {
        Path photo = dir.resolve("photo.png");
        InputFile in = new InputFile(photo, Path.of("photo.png"));
        String why = assertThrows(InputSpecException.class,
                () -> new OutputLayout(dir, null, 90, "", ExistingOutput.OVERWRITE).check(List.of(in))).getMessage();
        assertTrue(why.startsWith("output " + photo + " would overwrite the input"), why);
        new OutputLayout(dir, null, 90, "_big", ExistingOutput.OVERWRITE).check(List.of(in));
        Path nested = dir.resolve("new/deeper");
        new OutputLayout(nested, null, 90, "", ExistingOutput.FAIL).check(List.of(in));
        assertTrue(Files.isDirectory(nested));
        try (var listing = Files.list(nested)) {
            assertEquals(0, listing.count(), "the write test leaves nothing behind");
        }
    }

    @Test
    void partsAreNamedAfterTheStemInPngUnlessAFormatIsAsked() {
        OutputLayout figures = new OutputLayout(dir, null, 90, "_v1", ExistingOutput.FAIL).withParts(List.of("masks", "branches"));
        OutputTarget target = figures.targetFor(input("a/photo.jpg"));
        assertEquals(ImageFormat.PNG, target.encoding().format());
        assertEquals(List.of(dir.resolve("a/photo_v1-masks.png"), dir.resolve("a/photo_v1-branches.png")), target.files());
        assertThrows(IllegalArgumentException.class, () -> target.partPath("levels"));
        OutputLayout jpeg = new OutputLayout(dir, ImageFormat.JPEG, 90, "", ExistingOutput.FAIL).withParts(List.of("masks"));
        assertEquals(List.of(dir.resolve("photo-masks.jpg")), jpeg.targetFor(input("photo.png")).files());
        assertThrows(IllegalArgumentException.class, () -> figures.withParts(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> figures.withParts(List.of("../x")));
    }

    @Test
    void noPartMayReplaceAnInput() {
        InputFile masks = new InputFile(dir.resolve("photo-masks.png"), Path.of("photo-masks.png"));
        InputFile photo = new InputFile(dir.resolve("photo.png"), Path.of("photo.png"));
        OutputLayout figures = new OutputLayout(dir, null, 90, "", ExistingOutput.OVERWRITE).withParts(List.of("masks"));
        String why = assertThrows(InputSpecException.class, () -> figures.check(List.of(photo, masks))).getMessage();
        assertTrue(why.startsWith("output " + masks.path() + " would overwrite the input " + photo.path()), why);
    }
}
