package org.geodl4j.samples.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Base of every plot: image size, title, text scale, rendering to a {@link BufferedImage} on a white background
 * and saving as PNG. Subclasses return themselves from setters ({@code T}) so calls chain.
 *
 * <p>Headless: loading this class sets {@code java.awt.headless=true} unless the property is already set. Rendering
 * uses {@code Graphics2D} for lines, shapes and fills only; all text goes through {@link BitmapFont}, so no font
 * or fontconfig is needed.
 *
 * @param <T> the concrete plot type
 */
public abstract class Plot<T extends Plot<T>> {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 600;

    private int width;
    private int height;
    private int textScale;
    private String title;

    /** This plot as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    /** Image size in pixels used by {@link #render()} and {@link #save(Path)} (default 800×600). */
    public T size(int width, int height) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": image size must be at least 16×16, got "
                    + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Title drawn centred above the plot (null or blank: none). */
    public T title(String title) {
        this.title = title;
        return self();
    }

    /**
     * Integer scale of the 5×7 bitmap font for tick and axis labels (the title is one step larger in images of at
     * least 450×450); 0 (default)
     * picks 2 for images at least 340 pixels in both directions, else 1.
     */
    public T textScale(int scale) {
        if (scale < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": textScale must be >= 0, got " + scale);
        }
        this.textScale = scale;
        return self();
    }

    /** The title, or null. */
    public String title() {
        return title;
    }

    /** Width used when no size was set. */
    protected int defaultWidth() {
        return DEFAULT_WIDTH;
    }

    /** Height used when no size was set. */
    protected int defaultHeight() {
        return DEFAULT_HEIGHT;
    }

    /** The configured image width. */
    public int width() {
        return width > 0 ? width : defaultWidth();
    }

    /** The configured image height. */
    public int height() {
        return height > 0 ? height : defaultHeight();
    }

    /** Text scale to use for an image of the given size. */
    protected int textScaleFor(int w, int h) {
        return textScale > 0 ? textScale : (Math.min(w, h) >= 340 ? 2 : 1);
    }

    /** Renders at the configured size. */
    public BufferedImage render() {
        return render(width(), height());
    }

    /** Renders at {@code w × h} pixels (the configured size is unchanged), on a white background. */
    public BufferedImage render(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Palette.BACKGROUND);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            draw(g, image, textScaleFor(w, h));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws the plot onto {@code g}, which paints {@code image} (already filled with the background).
     *
     * @param scale integer text scale for tick and axis labels
     */
    protected abstract void draw(Graphics2D g, BufferedImage image, int scale);

    /** Renders at the configured size and writes a PNG, creating parent directories. Returns {@code png}. */
    public Path save(Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(render(), "png", png.toFile())) {
                throw new IllegalStateException("no PNG writer available in javax.imageio");
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(getClass().getSimpleName() + ": cannot write PNG " + png, e);
        }
    }
}
