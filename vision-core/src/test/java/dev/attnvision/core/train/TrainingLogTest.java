package dev.attnvision.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void aLogFromBeforeAMetricColumnExistedIsResumedWithTheNewColumn() throws Exception {
        Path file = dir.resolve("train.csv");
        Files.writeString(file, "iteration,loss,lr,seconds,psnr,ssim\n100,8.5,0.0004,90.5,,\n"
                + "500,8.2,0.0003,450.0,31.25,0.88\n600,8.1,0.0002,540.0,,\n6");
        TrainingLog log = new TrainingLog(file, List.of("psnr", "ssim", "psnr_last"));
        assertEquals(List.of(100L, 500L, 600L), log.read().stream().map(TrainingLog.Row::iteration).toList(),
                "the unfinished last line is left out");
        log.startAt(500);
        log.append(new TrainingLog.Row(600, 8.0, 2e-4, 545, Map.of("psnr", 31.5, "psnr_last", 31.0)));
        assertEquals("iteration,loss,lr,seconds,psnr,ssim,psnr_last\n100,8.500000,0.000400000,90.500,,,\n"
                + "500,8.200000,0.000300000,450.000,31.250000,0.880000,\n600,8.000000,0.000200000,545.000,31.500000,,"
                + "31.000000\n", Files.readString(file));
    }

    @Test
    void aFileThatIsNoLogOfTheseMetricsOrHasABrokenRowIsRefusedByName() throws Exception {
        Path file = dir.resolve("train.csv");
        TrainingLog log = new TrainingLog(file, List.of("psnr"));
        Files.writeString(file, "iteration,loss,lr,seconds,map\n1,2,3,4,0.5\n");
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> log.startAt(1));
        assertTrue(other.getMessage().startsWith(file + " is not a training log with columns"
                + " iteration,loss,lr,seconds,psnr;"), other.getMessage());
        Files.writeString(file, "iteration,loss,lr,seconds,psnr\n1,2,x,4,\n2,2,3,4,\n");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, log::read);
        assertTrue(broken.getMessage().startsWith(file + ", line 2 is not a row of the training log (1,2,x,4,)"),
                broken.getMessage());
    }
}
