package org.geodl4j.samples.plot;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A text progress bar for long loops, showing task, percentage, count, elapsed time, estimated time left and a
 * free-form extra text (e.g. the current loss).
 *
 * <ul>
 *   <li>Terminal mode (default when {@code System.console() != null}): one line redrawn in place with {@code \r}
 *       at most every {@value #REDRAW_INTERVAL_MS} ms, e.g.
 *       {@code training [##########..........]  50%  500/1000  0:21 left 0:21  loss 0.123}; {@link #close()}
 *       draws the final state and ends the line.</li>
 *   <li>Plain mode (output redirected to a file or CI log): one line each time progress crosses another 10%,
 *       e.g. {@code training   50%  500/1000  elapsed 0:21  left 0:21  loss 0.123}, and on close a last line
 *       if the final count was not printed yet. With an unknown total ({@code total ≤ 0}) the percentage and
 *       time left are omitted and a line is printed every {@value #PLAIN_INTERVAL_S} s.</li>
 * </ul>
 * Terminal lines are cut to {@code $COLUMNS − 1} characters (99 if unset) so they never wrap. Time left is
 * {@code elapsed · (total − done) / done}. The bar never throws: output errors are swallowed, so a
 * broken console cannot stop training. Methods are synchronized, so worker threads may call {@link #step()}.
 *
 * <pre>
 * try (ProgressBar pb = new ProgressBar("training", epochs * batches)) {
 *     for (...) {
 *         ...
 *         pb.setExtra(String.format("loss %.4f", loss));
 *         pb.step();
 *     }
 * }
 * </pre>
 */
public final class ProgressBar implements AutoCloseable {

    /** Minimum time between redraws in terminal mode. */
    public static final long REDRAW_INTERVAL_MS = 100;
    /** Time between lines in plain mode when the total is unknown. */
    public static final long PLAIN_INTERVAL_S = 10;
    private static final int BAR_WIDTH = 24;

    private final String task;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    /** Terminal lines are cut to this many characters so they never wrap (a wrapped line defeats {@code \r}). */
    private final int maxColumns;
    private final long start;
    private long done;
    private String extra = "";
    private long lastDraw;
    private boolean drawn;
    private int lastDecile = 0;
    private long lastPrintedDone = -1;
    private int lastLength;
    private boolean drewComplete;
    private boolean closed;

    /** A bar on {@code System.err}, in terminal mode if {@code System.console() != null}. */
    public ProgressBar(String task, long total) {
        this(task, total, System.err, System.console() != null);
    }

    /** A bar writing to {@code out}, in terminal ({@code \r} redraw) or plain (one line per 10%) mode. */
    public ProgressBar(String task, long total, PrintStream out, boolean terminal) {
        this(task, total, out, terminal, System::nanoTime, terminalColumns());
    }

    /** As above with an injectable clock (nanoseconds) and terminal width, for tests. */
    ProgressBar(String task, long total, PrintStream out, boolean terminal, LongSupplier nanoTime, int columns) {
        this.task = task == null ? "" : task;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.maxColumns = Math.max(1, columns - 1);
        this.start = safeNow();
        this.lastDraw = start;
    }

    /** Records one more unit of work. */
    public void step() {
        step(1);
    }

    /** Records {@code n} more units of work. */
    public synchronized void step(long n) {
        set(done + n);
    }

    /** Sets the amount of work done so far. */
    public synchronized void set(long doneSoFar) {
        try {
            if (closed) {
                return;
            }
            done = Math.max(0, doneSoFar);
            long now = safeNow();
            if (terminal) {
                boolean complete = total > 0 && done >= total;
                if (!drawn || now - lastDraw >= REDRAW_INTERVAL_MS * 1_000_000L
                        || complete && !drewComplete) {
                    drewComplete = complete;
                    redraw(now);
                }
            } else if (total > 0) {
                int decile = (int) Math.min(10, done * 10 / total);
                if (decile > lastDecile) {
                    lastDecile = decile;
                    printPlain(now);
                }
            } else if (now - lastDraw >= PLAIN_INTERVAL_S * 1_000_000_000L) {
                printPlain(now);
            }
        } catch (RuntimeException ignored) {
            // a progress display must never break the computation it reports on
        }
    }

    /** Text shown after the counts (e.g. {@code "loss 0.12"}); shown at the next redraw. */
    public synchronized void setExtra(String text) {
        extra = text == null ? "" : text;
    }

    /** Work done so far. */
    public synchronized long done() {
        return done;
    }

    /** Draws the final state (terminal: and ends the line; plain: unless just printed). Idempotent. */
    @Override
    public synchronized void close() {
        try {
            if (closed) {
                return;
            }
            closed = true;
            long now = safeNow();
            if (terminal) {
                redraw(now);
                out.print('\n');
                out.flush();
            } else {
                if (done != lastPrintedDone) {
                    printPlain(now);
                }
            }
        } catch (RuntimeException ignored) {
            // see set()
        }
    }

    /** {@code $COLUMNS} if set and sensible, else 100. */
    private static int terminalColumns() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim());
            return c >= 20 ? c : 100;
        } catch (RuntimeException e) {
            return 100;
        }
    }

    private long safeNow() {
        try {
            return nanoTime.getAsLong();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void redraw(long now) {
        lastDraw = now;
        drawn = true;
        StringBuilder sb = new StringBuilder();
        if (!task.isEmpty()) {
            sb.append(task).append(' ');
        }
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        sb.append(counts()).append("  ").append(duration(now - start));
        if (total > 0) {
            sb.append(" left ").append(left(now));
        }
        if (!extra.isEmpty()) {
            sb.append("  ").append(extra);
        }
        String line = sb.length() > maxColumns ? sb.substring(0, maxColumns) : sb.toString();
        int pad = Math.max(0, lastLength - line.length());
        lastLength = line.length();
        out.print('\r' + line + " ".repeat(pad));
        out.flush();
    }

    private void printPlain(long now) {
        lastDraw = now;
        lastPrintedDone = done;
        out.println(plainLine(now));
        out.flush();
    }

    private String plainLine(long now) {
        StringBuilder sb = new StringBuilder();
        if (!task.isEmpty()) {
            sb.append(task).append("  ");
        }
        sb.append(counts()).append("  elapsed ").append(duration(now - start));
        if (total > 0) {
            sb.append("  left ").append(left(now));
        }
        if (!extra.isEmpty()) {
            sb.append("  ").append(extra);
        }
        return sb.toString();
    }

    /** {@code " 45%  450/1000"}, or just the count when the total is unknown. */
    private String counts() {
        if (total <= 0) {
            return Long.toString(done);
        }
        long pct = Math.min(100, done * 100 / total);
        return String.format(Locale.ROOT, "%3d%%  %d/%d", pct, done, total);
    }

    private String left(long now) {
        if (done <= 0) {
            return "?";
        }
        if (done >= total) {
            return duration(0);
        }
        double perUnit = (now - start) / (double) done;
        return duration((long) (perUnit * (total - done)));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour. */
    static String duration(long nanos) {
        long s = Math.max(0, nanos) / 1_000_000_000L;
        long h = s / 3600;
        long m = (s / 60) % 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
