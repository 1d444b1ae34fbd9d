package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rendering every plot type must not touch AWT's font machinery (a headless JDK without fonts or fontconfig cannot
 * provide it). Each probe runs in a fresh headless JVM with {@code -verbose:class}; the font-related classes the
 * gallery loads must be a subset of those that painting one line with plain Graphics2D loads, while AWT
 * {@code drawString} (the positive control) loads more.
 */
class FontFreeRenderingTest {

    private static Set<String> fontClassesLoaded(String mode, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = location(FontProbe.class) + File.pathSeparator + location(Plot.class);
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-Xshare:auto",
                "-verbose:class", "-cp", cp, FontProbe.class.getName(), mode, dir.toString()));
        Path log = dir.resolve(mode + ".log");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), mode + " probe did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (!mode.equals("drawString")) { // the control may fail outright on a machine without fonts
            assertEquals(0, p.exitValue(), mode + " probe failed:\n" + out);
        }
        Set<String> classes = new TreeSet<>();
        for (String line : out.split("\n")) {
            int at = line.indexOf("[class,load] ");
            if (at < 0) {
                continue;
            }
            String name = line.substring(at + 13).split(" ")[0];
            if (name.toLowerCase().contains("font") && !name.startsWith("org.geodl4j.")) {
                classes.add(name);
            }
        }
        return classes;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void renderingEveryPlotLoadsNoFontMachinery(@TempDir Path tmp) throws Exception {
        Set<String> baseline = fontClassesLoaded("baseline", tmp.resolve("baseline"));
        Set<String> gallery = fontClassesLoaded("gallery", tmp.resolve("gallery"));
        Set<String> extra = new TreeSet<>(gallery);
        extra.removeAll(baseline);
        assertTrue(extra.isEmpty(), "font classes loaded by the plots beyond plain Graphics2D: " + extra);

        Set<String> control = fontClassesLoaded("drawString", tmp.resolve("control"));
        control.removeAll(baseline);
        assertFalse(control.isEmpty(), "positive control: AWT drawString loads font classes the plots must avoid");

        for (String f : PlotGallery.FILES) {
            BufferedImage img = ImageIO.read(tmp.resolve("gallery").resolve(f).toFile());
            assertTrue(img.getWidth() >= 800 && img.getHeight() >= 600, f + " is " + img.getWidth() + "x"
                    + img.getHeight());
        }
    }
}
