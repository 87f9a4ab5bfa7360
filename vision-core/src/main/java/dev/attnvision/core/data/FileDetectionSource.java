package dev.attnvision.core.data;

import dev.attnvision.core.image.ImageCodec;
import dev.attnvision.core.image.RasterChannels;
import java.io.IOException;
import java.util.List;

/** The images of a {@link DetectionDataset} read from disk, decoded on each {@link #load} and converted to RGB. */
public final class FileDetectionSource implements DetectionSource {
    private final DetectionDataset dataset;
    private final ImageCodec codec;
    private final String description;

    /**
     * @param dataset the annotations, e.g. from {@link VocDetectionDataset}
     * @param codec the image decoder (its pixel limit applies)
     * @param description what the dataset is, for logs and model cards
     */
    public FileDetectionSource(DetectionDataset dataset, ImageCodec codec, String description) {
        if (dataset.images().isEmpty()) {
            throw new IllegalArgumentException(description + " holds no images; check the path and the split name");
        }
        this.dataset = dataset;
        this.codec = codec;
        this.description = description;
    }

    @Override
    public List<String> classNames() {
        return dataset.classNames();
    }

    @Override
    public int size() {
        return dataset.images().size();
    }

    @Override
    public LabeledImage load(int index) throws IOException {
        ImageAnnotation annotation = dataset.images().get(index);
        try {
            return new LabeledImage(RasterChannels.rgb(codec.read(annotation.image())), annotation.boxes());
        } catch (IOException e) {
            throw new IOException(annotation.image() + ": " + e.getMessage()
                    + " (fix or remove the image, or its entry in the dataset)", e);
        }
    }

    @Override
    public String description() {
        return description;
    }
}
