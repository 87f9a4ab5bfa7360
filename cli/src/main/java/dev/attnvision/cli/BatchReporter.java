package dev.attnvision.cli;

import dev.attnvision.core.pipeline.BatchListener;
import dev.attnvision.core.pipeline.ImageResult;
import dev.attnvision.core.pipeline.JsonLines;

/**
 * What the user sees while a batch runs: one stderr line per failed input ({@code attnvision: PATH: reason}),
 * the progress display, and with {@code --json} one JSON object per input on stdout.
 */
final class BatchReporter implements BatchListener {
    private final String task;
    private final Session session;
    private final ProgressDisplay progress;
    private final JsonLines json;

    /** @param json where JSON lines go, or null without {@code --json} */
    BatchReporter(String task, Session session, ProgressDisplay progress, JsonLines json) {
        this.task = task;
        this.session = session;
        this.progress = progress;
        this.json = json;
    }

    @Override
    public void started(int total) {
        progress.start(task, total);
    }

    @Override
    public void finished(ImageResult result) {
        if (result.status() == ImageResult.Status.FAILED) {
            progress.message("attnvision: " + session.show(result.input()) + ": " + result.error());
        }
        if (json != null) {
            json.write(result);
        }
        progress.step();
    }
}
