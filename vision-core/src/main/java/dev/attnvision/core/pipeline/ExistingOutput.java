package dev.attnvision.core.pipeline;

/** What to do when an output file already exists. */
public enum ExistingOutput {
    /** Leave it and report the input as failed, with a hint (the default: nothing is lost by surprise). */
    FAIL,
    /** Leave it and count the input as skipped, without decoding it: how an interrupted run is resumed. */
    SKIP,
    /** Replace it (atomically). */
    OVERWRITE
}
