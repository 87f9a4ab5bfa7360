package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir Path dir;

    @Test
    void writesReadsAndTruncatesOnResume() throws Exception {
        TrainingLog log = new TrainingLog(dir.resolve("train.csv"), List.of("psnr"));
        log.startAt(0);
        log.append(new TrainingLog.Row(10, 2.5, 1e-3, 1.5, Map.of()));
        log.append(new TrainingLog.Row(20, 2.0, 1e-3, 3.0, Map.of("psnr", 30.25)));
        log.append(new TrainingLog.Row(30, 1.5, 5e-4, 4.5, Map.of()));
        assertEquals("iteration,loss,lr,seconds,psnr\n10,2.500000,0.00100000,1.500,\n"
                + "20,2.000000,0.00100000,3.000,30.250000\n30,1.500000,0.000500000,4.500,\n",
                Files.readString(dir.resolve("train.csv")));
        log.startAt(20);
        List<TrainingLog.Row> rows = log.read();
        assertEquals(2, rows.size());
        assertEquals(Map.of("psnr", 30.25), rows.get(1).metrics());
        TrainingPlot.write(rows, "psnr", "test run", dir.resolve("train.png"));
        assertTrue(Files.size(dir.resolve("train.png")) > 1000);
    }
}
