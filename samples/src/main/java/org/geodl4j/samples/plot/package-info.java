/**
 * PNG plots and console progress bars for the samples: {@link org.geodl4j.samples.plot.LineChart},
 * {@link org.geodl4j.samples.plot.ScatterPlot}, {@link org.geodl4j.samples.plot.Histogram},
 * {@link org.geodl4j.samples.plot.BarChart}, {@link org.geodl4j.samples.plot.Grid} and
 * {@link org.geodl4j.samples.plot.ProgressBar}.
 *
 * <p>Everything runs on a headless JDK without any installed font: text is drawn with the built-in
 * {@link org.geodl4j.samples.plot.BitmapFont}, {@code Graphics2D} is used for lines, shapes and fills only (never
 * {@code drawString}), and images are written with {@code javax.imageio.ImageIO}.
 */
package org.geodl4j.samples.plot;
