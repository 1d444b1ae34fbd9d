package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.Map;

/**
 * One part of the {@code tour}: each feature of geodl4j contributes a short, self-checking demonstration that prints a
 * readable report and returns the headline numbers for the run's one-line JSON summary.
 */
interface TourSection {

    /** A title for the report. */
    String title();

    /**
     * Runs the demonstration, printing to {@code out}.
     *
     * @return the headline numbers (name → value) for the JSON summary
     * @throws IllegalStateException when a self-check of the section fails (the tour then exits non-zero)
     */
    Map<String, Object> run(PrintStream out);
}
