package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Scatter plot: groups of points (one colour each, or per-point colours and radii), short text labels next to
 * points, line segments (e.g. the edges of a hierarchy), and circle overlays (the unit circle for eigenvalues, the
 * boundary of the Poincaré disk), with an optional equal aspect ratio so circles stay round.
 *
 * <p>Drawing order: circles, edges, points, labels. Labels are placed greedily in the order they were added: each
 * takes the first of eight positions around its point (right, left, above, below, then the diagonals) that stays
 * inside the plot area and overlaps no label placed before it; a label with no free position is left out, so add
 * the most important labels first.
 *
 * <pre>
 * new ScatterPlot().title("Koopman eigenvalues").equalAspect(true)
 *         .circle(0, 0, 1)
 *         .points("learned", re, im)
 *         .label(re[0], im[0], "λ1")
 *         .save(Path.of("out/eigenvalues.png"));
 * </pre>
 */
public final class ScatterPlot extends AxesPlot<ScatterPlot> {

    private static final Color EDGE = new Color(0x9A9A9A);
    private static final Color CIRCLE = new Color(0x555555);

    private record Group(String name, double[] x, double[] y, Color colour, Color[] colours, double[] radii) {
    }

    private record Label(double x, double y, String text) {
    }

    private record Segment(double x1, double y1, double x2, double y2, Color colour) {
    }

    private record Circle(double cx, double cy, double r, Color colour) {
    }

    private final List<Group> groups = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Circle> circles = new ArrayList<>();
    private double pointRadius;
    private int labelScale;
    private int labelsDropped;

    /** An empty plot; automatic ranges are the data extent (circles included) plus 4% on each side. */
    public ScatterPlot() {
        niceX = false;
        niceY = false;
    }

    /** Adds a group of points in the next palette colour; a non-blank {@code name} appears in the legend. */
    public ScatterPlot points(String name, double[] x, double[] y) {
        return points(name, x, y, Palette.colour(groups.size()));
    }

    /** Adds a group of points in {@code colour}. */
    public ScatterPlot points(String name, double[] x, double[] y, Color colour) {
        return points(name, x, y, colour, null, null);
    }

    /**
     * Adds a group of points with per-point colours and radii in pixels; either array may be null (group colour,
     * default radius), and a null entry in {@code colours} also means the group colour.
     */
    public ScatterPlot points(String name, double[] x, double[] y, Color[] colours, double[] radii) {
        return points(name, x, y, Palette.colour(groups.size()), colours, radii);
    }

    private ScatterPlot points(String name, double[] x, double[] y, Color colour, Color[] colours, double[] radii) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("ScatterPlot group '" + name + "': x and y must be non-null and of "
                    + "equal length, got " + (x == null ? "null" : x.length) + " and "
                    + (y == null ? "null" : y.length));
        }
        if (colours != null && colours.length != x.length || radii != null && radii.length != x.length) {
            throw new IllegalArgumentException("ScatterPlot group '" + name + "': " + x.length + " points but "
                    + (colours == null ? "no" : colours.length) + " colours and "
                    + (radii == null ? "no" : radii.length) + " radii");
        }
        groups.add(new Group(name, x.clone(), y.clone(), colour, colours == null ? null : colours.clone(),
                copy(radii)));
        return this;
    }

    /** Adds a text label next to the data point ({@code x}, {@code y}). */
    public ScatterPlot label(double x, double y, String text) {
        if (!Axes.isBlank(text)) {
            labels.add(new Label(x, y, text));
        }
        return this;
    }

    /** Adds labels {@code texts[i]} at ({@code x[i]}, {@code y[i]}); null or blank texts are skipped. */
    public ScatterPlot labels(double[] x, double[] y, String[] texts) {
        if (x.length != y.length || texts.length != x.length) {
            throw new IllegalArgumentException("ScatterPlot.labels: x, y and texts must have equal length, got "
                    + x.length + ", " + y.length + ", " + texts.length);
        }
        for (int i = 0; i < x.length; i++) {
            label(x[i], y[i], texts[i]);
        }
        return this;
    }

    /** Adds a grey line segment from ({@code x1}, {@code y1}) to ({@code x2}, {@code y2}), drawn under points. */
    public ScatterPlot edge(double x1, double y1, double x2, double y2) {
        return edge(x1, y1, x2, y2, EDGE);
    }

    /** Adds a line segment in {@code colour}. */
    public ScatterPlot edge(double x1, double y1, double x2, double y2, Color colour) {
        segments.add(new Segment(x1, y1, x2, y2, colour));
        return this;
    }

    /** Adds a grey segment between points {@code pairs[k][0]} and {@code pairs[k][1]} of ({@code x}, {@code y}). */
    public ScatterPlot edges(double[] x, double[] y, int[][] pairs) {
        for (int[] p : pairs) {
            edge(x[p[0]], y[p[0]], x[p[1]], y[p[1]]);
        }
        return this;
    }

    /** Adds a dark grey circle of radius {@code r} around ({@code cx}, {@code cy}); it counts towards the range. */
    public ScatterPlot circle(double cx, double cy, double r) {
        return circle(cx, cy, r, CIRCLE);
    }

    /** Adds a circle in {@code colour}. */
    public ScatterPlot circle(double cx, double cy, double r, Color colour) {
        if (!(r > 0)) {
            throw new IllegalArgumentException("ScatterPlot.circle: radius must be > 0, got " + r);
        }
        circles.add(new Circle(cx, cy, r, colour));
        return this;
    }

    /** One data unit has the same length in pixels on both axes (default false); ignored with a log axis. */
    public ScatterPlot equalAspect(boolean equal) {
        this.equalAspect = equal;
        return this;
    }

    /** Default point radius in pixels (0, the default: 2 + text scale). */
    public ScatterPlot pointRadius(double radius) {
        this.pointRadius = radius;
        return this;
    }

    /** Integer font scale of point labels (0, the default: that of the tick labels; 1 suits dense plots). */
    public ScatterPlot labelScale(int scale) {
        this.labelScale = scale;
        return this;
    }

    /** Fixes the x range (either bound may be NaN to keep it automatic). */
    public ScatterPlot xRange(double min, double max) {
        checkRange("xRange", min, max);
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /** Log10 x axis; points with x ≤ 0 are skipped. */
    public ScatterPlot logX(boolean log) {
        this.logX = log;
        return this;
    }

    /** How many labels the last render left out for lack of room. */
    public int labelsDropped() {
        return labelsDropped;
    }

    @Override
    double[] extent(boolean xAxis) {
        double[] ext = emptyExtent();
        boolean log = xAxis ? logX : logY;
        for (Group gr : groups) {
            for (double v : xAxis ? gr.x : gr.y) {
                include(ext, v, log);
            }
        }
        for (Segment s : segments) {
            include(ext, xAxis ? s.x1 : s.y1, log);
            include(ext, xAxis ? s.x2 : s.y2, log);
        }
        for (Circle c : circles) {
            double centre = xAxis ? c.cx : c.cy;
            include(ext, centre - c.r, log);
            include(ext, centre + c.r, log);
        }
        return finish(ext, log, 0.04);
    }

    @Override
    void drawData(Graphics2D g, Axes axes, Legend legend) {
        int s = axes.scale;
        g.setStroke(new BasicStroke(1.25f * s));
        for (Circle c : circles) {
            double x0 = axes.px(c.cx - c.r);
            double x1 = axes.px(c.cx + c.r);
            double y0 = axes.py(c.cy + c.r);
            double y1 = axes.py(c.cy - c.r);
            if (Double.isFinite(x0 + x1 + y0 + y1)) {
                g.setColor(c.colour);
                g.draw(new Ellipse2D.Double(x0, y0, x1 - x0, y1 - y0));
            }
        }
        g.setStroke(new BasicStroke(Math.max(1f, 0.75f * s)));
        for (Segment e : segments) {
            double x0 = axes.px(e.x1);
            double y0 = axes.py(e.y1);
            double x1 = axes.px(e.x2);
            double y1 = axes.py(e.y2);
            if (Double.isFinite(x0 + y0 + x1 + y1)) {
                g.setColor(e.colour);
                g.draw(new Line2D.Double(x0, y0, x1, y1));
            }
        }
        double defaultR = pointRadius > 0 ? pointRadius : 2 + s;
        for (Group gr : groups) {
            for (int i = 0; i < gr.x.length; i++) {
                double px = axes.px(gr.x[i]);
                double py = axes.py(gr.y[i]);
                if (!Double.isFinite(px) || !Double.isFinite(py)) {
                    continue;
                }
                double r = gr.radii == null ? defaultR : gr.radii[i];
                Color c = gr.colours == null || gr.colours[i] == null ? gr.colour : gr.colours[i];
                g.setColor(Palette.withAlpha(c, 215));
                g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
            }
            legend.add(gr.name, gr.colour, Legend.Swatch.POINT);
        }
        drawLabels(g, axes, defaultR);
    }

    private void drawLabels(Graphics2D g, Axes axes, double pointR) {
        int ls = labelScale > 0 ? labelScale : axes.scale;
        List<Rectangle> placed = new ArrayList<>();
        Rectangle inside = axes.area;
        int dropped = 0;
        for (Label l : labels) {
            double px = axes.px(l.x);
            double py = axes.py(l.y);
            if (!Double.isFinite(px) || !Double.isFinite(py)) {
                dropped++;
                continue;
            }
            int w = BitmapFont.stringWidth(l.text, ls) + 2;
            int h = BitmapFont.lineHeight(ls) + 2;
            int d = (int) Math.ceil(pointR) + 2;
            int cx = (int) Math.round(px);
            int cy = (int) Math.round(py);
            int[][] offsets = {
                {d, -h / 2}, {-d - w, -h / 2}, {-w / 2, -d - h}, {-w / 2, d},
                {d, -d - h + d / 2}, {d, d - d / 2}, {-d - w, -d - h + d / 2}, {-d - w, d - d / 2},
            };
            Rectangle chosen = null;
            for (int[] o : offsets) {
                Rectangle r = new Rectangle(cx + o[0], cy + o[1], w, h);
                if (inside.contains(r) && placed.stream().noneMatch(r::intersects)) {
                    chosen = r;
                    break;
                }
            }
            if (chosen == null) {
                dropped++;
                continue;
            }
            placed.add(chosen);
            g.setColor(new Color(255, 255, 255, 190));
            g.fillRect(chosen.x, chosen.y, chosen.width, chosen.height);
            BitmapFont.draw(g, l.text, chosen.x + 1, chosen.y + 1, ls, Palette.INK);
        }
        labelsDropped = dropped;
    }
}
