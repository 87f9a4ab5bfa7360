package dev.attnvision.spark;

import java.io.Serializable;

/**
 * One input image of a job.
 *
 * @param uri where to read it (a Hadoop path URI)
 * @param relative where its outputs go below the output folder, slash-separated: its path below the folder or glob
 *     base it was found in
 */
record InputRef(String uri, String relative) implements Serializable {}
