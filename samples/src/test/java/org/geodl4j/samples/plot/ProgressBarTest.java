package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    /** A clock that advances {@code stepNanos} on every reading. */
    private static final class FakeClock implements java.util.function.LongSupplier {
        private final long stepNanos;
        private long now;

        FakeClock(long stepNanos) {
            this.stepNanos = stepNanos;
        }

        @Override
        public long getAsLong() {
            long t = now;
            now += stepNanos;
            return t;
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void plainModePrintsOneLinePerTenPercent() {
        try (ProgressBar pb = new ProgressBar("training", 50, out, false, new FakeClock(SECOND), 100)) {
            for (int i = 0; i < 50; i++) {
                pb.setExtra(String.format(java.util.Locale.ROOT, "loss %.2f", 1.0 / (i + 1)));
                pb.step();
            }
        }
        List<String> lines = lines();
        assertEquals(10, lines.size(), String.join("\n", lines));
        // the clock reads 0 at construction and advances one second per step
        assertEquals("training   10%  5/50  elapsed 0:05  left 0:45  loss 0.20", lines.get(0));
        assertEquals("training   50%  25/50  elapsed 0:25  left 0:25  loss 0.04", lines.get(4));
        assertEquals("training  100%  50/50  elapsed 0:50  left 0:00  loss 0.02", lines.get(9));
    }

    @Test
    void plainModeReportsJumpsOnceAndTheStateAtAnEarlyClose() {
        ProgressBar pb = new ProgressBar("eval", 100, out, false, new FakeClock(SECOND), 100);
        pb.set(55);
        pb.step(2);
        pb.close();
        pb.close();
        pb.step();
        assertEquals(List.of("eval   55%  55/100  elapsed 0:01  left 0:00",
                "eval   57%  57/100  elapsed 0:03  left 0:02"),
                lines());
    }

    @Test
    void plainModeWithUnknownTotalPrintsEveryTenSeconds() {
        try (ProgressBar pb = new ProgressBar("streaming", 0, out, false, new FakeClock(SECOND), 100)) {
            for (int i = 0; i < 35; i++) {
                pb.step();
            }
        }
        List<String> lines = lines();
        assertEquals(List.of("streaming  10  elapsed 0:10", "streaming  20  elapsed 0:20",
                "streaming  30  elapsed 0:30", "streaming  35  elapsed 0:36"), lines);
    }

    @Test
    void terminalModeRedrawsInPlaceAtMostTenTimesPerSecond() {
        try (ProgressBar pb = new ProgressBar("fit", 1000, out, true, new FakeClock(10_000_000L), 100)) {
            for (int i = 0; i < 1000; i++) {
                pb.step();
            }
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        long redraws = s.chars().filter(c -> c == '\r').count();
        // 1000 steps x 10 ms = 10 s of fake time: about one redraw per 100 ms, plus the first, the last and close
        assertTrue(redraws >= 50 && redraws <= 103, "redraws: " + redraws);
        assertTrue(s.endsWith("\n"), "close ends the line");
        String last = s.substring(s.lastIndexOf('\r') + 1).stripTrailing();
        assertEquals("fit [########################] 100%  1000/1000  0:10 left 0:00", last);
    }

    @Test
    void terminalLinesAreCutToTheWidthSoTheyNeverWrap() {
        try (ProgressBar pb = new ProgressBar("fit", 10, out, true, new FakeClock(SECOND), 60)) {
            pb.setExtra("x".repeat(200));
            for (int i = 0; i < 10; i++) {
                pb.step();
            }
        }
        String[] redraws = bytes.toString(StandardCharsets.UTF_8).split("\r");
        assertTrue(redraws.length > 5);
        for (String r : redraws) {
            assertTrue(r.stripTrailing().length() <= 59, "redraw of " + r.length() + " chars: " + r);
        }
    }

    @Test
    void neverThrowsEvenIfTheStreamOrClockDoes() {
        PrintStream broken = new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void print(String s) {
                throw new IllegalStateException("console gone");
            }

            @Override
            public void println(String s) {
                throw new IllegalStateException("console gone");
            }
        };
        java.util.function.LongSupplier badClock = () -> {
            throw new IllegalStateException("no clock");
        };
        for (boolean terminal : new boolean[] {true, false}) {
            try (ProgressBar pb = new ProgressBar(null, 10, broken, terminal, badClock, 100)) {
                for (int i = 0; i < 20; i++) {
                    pb.step();
                    pb.setExtra(null);
                }
                assertEquals(20, pb.done());
            }
        }
    }

    @Test
    void durationsReadAsMinutesAndHours() {
        assertEquals("0:00", ProgressBar.duration(0));
        assertEquals("1:05", ProgressBar.duration(65 * SECOND));
        assertEquals("1:02:05", ProgressBar.duration(3725 * SECOND));
    }
}
