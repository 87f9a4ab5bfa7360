package dev.attnvision.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small smooth-noise RGB PNGs for the super-resolution command tests. */
final class SrImageFiles {
    private SrImageFiles() {}

    /** Writes {@code count} {@code size x size} PNGs into {@code folder} (created) and returns it. */
    static Path folder(Path folder, int count, int size, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        for (int k = 0; k < count; k++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            int phase = random.nextInt(64);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int v = (x * 7 + y * 3 + phase + random.nextInt(16)) & 0xff;
                    image.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (v / 2));
                }
            }
            ImageIO.write(image, "png", folder.resolve("img" + k + ".png").toFile());
        }
        return folder;
    }
}
