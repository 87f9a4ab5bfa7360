package dev.attnvision.core.pipeline;

import java.util.List;

/**
 * The result of expanding the input arguments.
 *
 * @param files the images to process, in a deterministic order, without duplicates
 * @param failures places that could not be looked into
 */
public record CollectedInputs(List<InputFile> files, List<InputFailure> failures) {
    public CollectedInputs {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }
}
