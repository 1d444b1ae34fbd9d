package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tour}: a few-minute walk through every geodl4j module on embedded data. Each section checks its own numbers
 * and the command exits non-zero if one fails, so the tour doubles as a smoke test of a fresh build.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Runs a short demonstration of every geodl4j module and prints a readable report.")
final class Tour implements Callable<Integer> {

    @Option(names = "--only", description = "Run only the sections whose title contains this text (case-insensitive).")
    private String only;

    static List<TourSection> sections() {
        List<TourSection> s = new ArrayList<>();
        s.add(new GeometryTour());
        s.add(new OptimizersTour());
        s.add(new WordnetTour());
        s.add(new BitnetTour());
        s.add(new HyperbolicDigitsTour());
        s.add(new KoopmanTour());
        return s;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Map<String, Object> summary = new LinkedHashMap<>();
        int failures = 0;
        out.println("geodl4j tour — backend: " + Backend.describe());
        for (TourSection section : sections()) {
            if (only != null && !section.title().toLowerCase().contains(only.toLowerCase())) {
                continue;
            }
            out.println();
            out.println("== " + section.title() + " " + "=".repeat(Math.max(0, 72 - section.title().length())));
            long t0 = System.nanoTime();
            try {
                summary.putAll(section.run(out));
            } catch (RuntimeException e) {
                failures++;
                out.println("FAILED: " + e.getMessage());
                summary.put(section.title() + ".failed", e.getMessage());
            }
            out.printf("(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        }
        out.println();
        out.println(failures == 0 ? "Tour finished: all checks passed." : "Tour finished with " + failures + " failed section(s).");
        out.println("summary: " + Json.object(summary));
        return failures == 0 ? 0 : 1;
    }
}
