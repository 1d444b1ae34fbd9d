package org.geodl4j.samples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Run in a child JVM by {@code FontFreeRenderingTest}: {@code baseline DIR} paints a rectangle with plain AWT and
 * writes a PNG (what any Graphics2D use loads), {@code drawString DIR} additionally draws AWT text (the positive
 * control: this needs fonts), {@code gallery DIR} renders {@link PlotGallery}.
 */
final class FontProbe {

    private FontProbe() {
    }

    public static void main(String[] args) throws Exception {
        File dir = new File(args[1]);
        dir.mkdirs();
        switch (args[0]) {
            case "baseline", "drawString" -> {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 64, 64);
                g.setColor(Color.BLACK);
                g.drawLine(0, 0, 63, 63);
                if (args[0].equals("drawString")) {
                    g.drawString("text", 5, 30);
                }
                g.dispose();
                ImageIO.write(img, "png", new File(dir, args[0] + ".png"));
            }
            case "gallery" -> PlotGallery.renderAll(dir.toPath());
            default -> throw new IllegalArgumentException("FontProbe mode: baseline | drawString | gallery, got "
                    + args[0]);
        }
    }
}
