package dev.attnvision.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputCollectorTest {
    private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");

    @TempDir Path dir;

    @BeforeEach
    void makeTree() throws Exception {
        for (String name : List.of("shots/b.png", "shots/A.JPG", "shots/notes.txt", "shots/.hidden.png",
                "shots/sub/c.jpeg", "shots/sub/deeper/d.png", "shots/.cache/e.png", "shots/out/old.png", "solo.png")) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
        }
    }

    private List<String> collect(boolean recursive, String stdin, String... args) throws Exception {
        return collector(recursive, stdin).collect(List.of(args)).files().stream()
                .map(f -> dir.relativize(f.path()) + "=" + f.relative()).toList();
    }

    private InputCollector collector(boolean recursive, String stdin) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return new InputCollector(dir, in, EXTENSIONS, recursive, Path.of("shots/out"));
    }

    @Test
    void foldersAreFilteredSortedAndMirrored() throws Exception {
        assertEquals(List.of("shots/A.JPG=A.JPG", "shots/b.png=b.png"), collect(false, "", "shots"));
        assertEquals(List.of("shots/A.JPG=A.JPG", "shots/b.png=b.png", "shots/sub/c.jpeg=sub/c.jpeg",
                "shots/sub/deeper/d.png=sub/deeper/d.png"), collect(true, "", "shots"));
    }

    @Test
    void filesAreTakenAsGivenAndDuplicatesOnce() throws Exception {
        assertEquals(List.of("shots/notes.txt=notes.txt", "solo.png=solo.png", "shots/A.JPG=A.JPG", "shots/b.png=b.png"),
                collect(false, "", "shots/notes.txt", "solo.png", "shots", "solo.png", "./solo.png"));
    }

    @Test
    void globsMatchBelowTheirFixedFolders() throws Exception {
        assertEquals(List.of("shots/b.png=b.png", "shots/sub/deeper/d.png=sub/deeper/d.png"),
                collect(false, "", "shots/**.png"));
        assertEquals(List.of("shots/b.png=b.png", "shots/sub/deeper/d.png=sub/deeper/d.png"),
                collect(false, "", "shots/**/*.png"), "** also matches no folder at all, as in bash");
        assertEquals(List.of("shots/sub/deeper/d.png=deeper/d.png"), collect(false, "", "shots/sub/**/d.png"));
        assertEquals(List.of("shots/sub/c.jpeg=sub/c.jpeg"), collect(false, "", "shots/*/*.jpeg"));
    }

    @Test
    void listsAndStandardInputNamePathsPerLine() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "solo.png\r\n\nshots/sub\n");
        assertEquals(List.of("solo.png=solo.png", "shots/sub/c.jpeg=c.jpeg"), collect(false, "", "@list.txt"));
        assertEquals(List.of("shots/b.png=b.png", "solo.png=solo.png"), collect(false, "shots/b.png\nsolo.png\n", "-"));
    }

    @Test
    void unusableArgumentsAreUsageErrors() throws Exception {
        String missing = assertThrows(InputSpecException.class, () -> collect(false, "", "solo.png", "nope.png")).getMessage();
        assertEquals("no such file or folder: nope.png", missing);
        assertEquals("no files match shots/*.gif",
                assertThrows(InputSpecException.class, () -> collect(false, "", "shots/*.gif")).getMessage());
        assertTrue(assertThrows(InputSpecException.class, () -> collect(false, "", "@missing.txt")).getMessage()
                .startsWith("cannot read list file missing.txt: no such file"));
        assertEquals("no such file or folder: gone.png (line 2 of standard input)",
                assertThrows(InputSpecException.class, () -> collect(false, "solo.png\ngone.png\n", "-")).getMessage());
        Files.createDirectories(dir.resolve("nested/inner"));
        Files.write(dir.resolve("nested/inner/x.png"), new byte[] {1});
        assertTrue(assertThrows(InputSpecException.class, () -> collect(false, "", "nested")).getMessage()
                .endsWith("(looking for .jpeg .jpg .png; add --recursive to look into sub-folders)"));
    }
}
