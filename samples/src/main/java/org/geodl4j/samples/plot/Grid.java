package org.geodl4j.samples.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Several plots side by side in one image: panels fill a grid of {@code columns} columns row by row, each rendered
 * at the cell size, under an optional overall title. Without an explicit {@link #size}, the image is
 * {@code columns × cellWidth} by {@code rows × cellHeight} (plus the title band).
 *
 * <pre>
 * Grid grid = new Grid(3).title("Ternary weights per layer");
 * for (int l = 0; l &lt; 3; l++) {
 *     grid.add(new BarChart("-1", "0", "+1").title("layer " + l).add(null, counts[l]));
 * }
 * grid.save(Path.of("out/ternary.png"));
 * </pre>
 */
public final class Grid extends Plot<Grid> {

    /** Default cell width in pixels. */
    public static final int DEFAULT_CELL_WIDTH = 480;
    /** Default cell height in pixels. */
    public static final int DEFAULT_CELL_HEIGHT = 360;

    private final int columns;
    private final List<Plot<?>> panels = new ArrayList<>();
    private int cellWidth = DEFAULT_CELL_WIDTH;
    private int cellHeight = DEFAULT_CELL_HEIGHT;

    /** A grid with {@code columns} columns (≥ 1). */
    public Grid(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("Grid needs at least 1 column, got " + columns);
        }
        this.columns = columns;
    }

    /** Appends a panel (next free cell, row by row). */
    public Grid add(Plot<?> panel) {
        if (panel == null || panel == this) {
            throw new IllegalArgumentException("Grid.add: panel must be another, non-null plot");
        }
        panels.add(panel);
        return this;
    }

    /** Cell size used when no overall {@link #size} is set (default 480×360). */
    public Grid cellSize(int width, int height) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("Grid.cellSize: need at least 16×16, got " + width + "×" + height);
        }
        this.cellWidth = width;
        this.cellHeight = height;
        return this;
    }

    private int rows() {
        return Math.max(1, (panels.size() + columns - 1) / columns);
    }

    private int titleBand(int scale) {
        return Axes.isBlank(title()) ? 0 : BitmapFont.CAP_HEIGHT * (scale + 1) + 2 * Axes.pad(scale);
    }

    @Override
    protected int defaultWidth() {
        return columns * cellWidth;
    }

    @Override
    protected int defaultHeight() {
        return rows() * cellHeight + titleBand(textScaleFor(defaultWidth(), rows() * cellHeight));
    }

    @Override
    protected void draw(Graphics2D g, BufferedImage image, int scale) {
        int band = titleBand(scale);
        int w = image.getWidth();
        int h = image.getHeight();
        if (band > 0) {
            int ts = Axes.fitScale(title(), w - 2 * Axes.pad(scale), scale + 1);
            String t = Axes.truncate(title(), w - 2 * Axes.pad(scale), ts);
            int tw = BitmapFont.stringWidth(t, ts);
            BitmapFont.draw(g, t, (w - tw) / 2, Axes.pad(scale), ts, Palette.INK);
        }
        int rows = rows();
        for (int i = 0; i < panels.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            int x0 = c * w / columns;
            int x1 = (c + 1) * w / columns;
            int y0 = band + r * (h - band) / rows;
            int y1 = band + (r + 1) * (h - band) / rows;
            if (x1 - x0 >= 16 && y1 - y0 >= 16) {
                g.drawImage(panels.get(i).render(x1 - x0, y1 - y0), x0, y0, null);
            }
        }
    }
}
