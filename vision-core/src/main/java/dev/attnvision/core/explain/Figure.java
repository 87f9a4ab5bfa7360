package dev.attnvision.core.explain;

import dev.attnvision.core.image.Raster;

/** One picture of an explanation, described by its data and drawn on demand. */
public interface Figure {
    /** The output part it is written as ({@code <stem>-<part>.png}). */
    String part();

    /** Draws it as an 8-bit RGB image. */
    Raster render();
}
