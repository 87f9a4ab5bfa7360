package dev.attnvision.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * The EXIF Orientation tag (0x0112, values 1 to 8: how the camera was held) and its application, so images
 * come out the way viewers show them. Unreadable or absent metadata means "as stored" (1): a photo is never
 * refused because of its metadata.
 */
final class ExifOrientation {
    private ExifOrientation() {}

    /** The orientation recorded in the file, 1 if none. */
    static int of(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : 1;
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            return 1;
        }
    }

    /** Returns {@code image} turned upright for {@code orientation}; the input is released if a new Mat is made. */
    static Mat apply(Mat image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(image, out, 1);
            case 3 -> Core.rotate(image, out, Core.ROTATE_180);
            case 4 -> Core.flip(image, out, 0);
            case 5 -> Core.transpose(image, out);
            case 6 -> Core.rotate(image, out, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                Core.transpose(image, out);
                Core.flip(out, out, -1);
            }
            case 8 -> Core.rotate(image, out, Core.ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + orientation);
        }
        image.release();
        return out;
    }
}
