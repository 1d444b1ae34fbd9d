package org.geodl4j.samples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A 5×7 pixel bitmap font for the printable ASCII characters 32–126 (plus {@code ± × · − → λ μ σ}), drawn with
 * {@code Graphics2D.fillRect} so that text works on a headless JDK with no font installed (AWT's {@code drawString}
 * needs fontconfig and at least one font file, which a minimal Debian JDK image does not have).
 *
 * <p>Metrics, in font pixels (multiply by the integer {@code scale}): every glyph is 5 wide and advances by
 * {@link #ADVANCE} = 6; capitals and digits are {@link #CAP_HEIGHT} = 7 tall, sitting on the baseline at row 7;
 * descenders ({@code g j p q y , ;}) reach {@link #DESCENT} = 2 rows below it, so one line of text occupies
 * {@link #CELL_HEIGHT} = 9 rows. A string of n characters is {@code (6n − 1)·scale} pixels wide.
 *
 * <p>Characters outside the table are first stripped of diacritics ({@code é → e}); anything still unknown is drawn
 * as a hollow box. The glyphs were drawn for this project.
 *
 * <pre>
 * BitmapFont.draw(g, "loss 1e-3", 10, 20, 2, Color.BLACK);          // top-left corner at (10, 20), 2× size
 * int w = BitmapFont.stringWidth("loss 1e-3", 2);                    // 106 pixels
 * BitmapFont.drawUpwards(g, "error", 10, 300, 2, Color.BLACK);      // reads bottom to top, for y-axis labels
 * </pre>
 */
public final class BitmapFont {

    /** Glyph width in font pixels. */
    public static final int GLYPH_WIDTH = 5;
    /** Horizontal advance per character in font pixels (glyph width plus one pixel of spacing). */
    public static final int ADVANCE = 6;
    /** Height of capitals and digits above the baseline, in font pixels. */
    public static final int CAP_HEIGHT = 7;
    /** Depth of descenders below the baseline, in font pixels. */
    public static final int DESCENT = 2;
    /** Height of one line of text (cap height plus descent), in font pixels. */
    public static final int CELL_HEIGHT = CAP_HEIGHT + DESCENT;

    /**
     * The glyph table: the character, a space, then 7 (or 9, with descender) rows of 5 pixels, '#' = ink.
     */
    private static final String[] TABLE = {
        "  ..... ..... ..... ..... ..... ..... .....",
        "! ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        "\" .#.#. .#.#. .#.#. ..... ..... ..... .....",
        "# .#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        "$ ..#.. .#### #.#.. .###. ..#.# ####. ..#..",
        "% ##... ##..# ...#. ..#.. .#... #..## ...##",
        "& .##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
        "' ..#.. ..#.. ..#.. ..... ..... ..... .....",
        "( ...#. ..#.. .#... .#... .#... ..#.. ...#.",
        ") .#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        "* ..... ..#.. #.#.# .###. #.#.# ..#.. .....",
        "+ ..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        ", ..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",
        "- ..... ..... ..... .###. ..... ..... .....",
        ". ..... ..... ..... ..... ..... .##.. .##..",
        "/ ..... ....# ...#. ..#.. .#... #.... .....",
        "0 .###. #...# #..## #.#.# ##..# #...# .###.",
        "1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        "2 .###. #...# ....# ...#. ..#.. .#... #####",
        "3 ##### ...#. ..#.. ...#. ....# #...# .###.",
        "4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        "5 ##### #.... ####. ....# ....# #...# .###.",
        "6 ..##. .#... #.... ####. #...# #...# .###.",
        "7 ##### ....# ...#. ..#.. .#... .#... .#...",
        "8 .###. #...# #...# .###. #...# #...# .###.",
        "9 .###. #...# #...# .#### ....# ...#. .##..",
        ": ..... .##.. .##.. ..... .##.. .##.. .....",
        "; ..... .##.. .##.. ..... ..... .##.. .##.. ..#.. .#...",
        "< ...#. ..#.. .#... #.... .#... ..#.. ...#.",
        "= ..... ..... ##### ..... ##### ..... .....",
        "> .#... ..#.. ...#. ....# ...#. ..#.. .#...",
        "? .###. #...# ....# ...#. ..#.. ..... ..#..",
        "@ .###. #...# ....# .##.# #.#.# #.#.# .###.",
        "A .###. #...# #...# ##### #...# #...# #...#",
        "B ####. #...# #...# ####. #...# #...# ####.",
        "C .###. #...# #.... #.... #.... #...# .###.",
        "D ###.. #..#. #...# #...# #...# #..#. ###..",
        "E ##### #.... #.... ####. #.... #.... #####",
        "F ##### #.... #.... ####. #.... #.... #....",
        "G .###. #...# #.... #.### #...# #...# .####",
        "H #...# #...# #...# ##### #...# #...# #...#",
        "I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        "J ..### ...#. ...#. ...#. ...#. #..#. .##..",
        "K #...# #..#. #.#.. ##... #.#.. #..#. #...#",
        "L #.... #.... #.... #.... #.... #.... #####",
        "M #...# ##.## #.#.# #.#.# #...# #...# #...#",
        "N #...# #...# ##..# #.#.# #..## #...# #...#",
        "O .###. #...# #...# #...# #...# #...# .###.",
        "P ####. #...# #...# ####. #.... #.... #....",
        "Q .###. #...# #...# #...# #.#.# #..#. .##.#",
        "R ####. #...# #...# ####. #.#.. #..#. #...#",
        "S .#### #.... #.... .###. ....# ....# ####.",
        "T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        "U #...# #...# #...# #...# #...# #...# .###.",
        "V #...# #...# #...# #...# #...# .#.#. ..#..",
        "W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
        "X #...# #...# .#.#. ..#.. .#.#. #...# #...#",
        "Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        "Z ##### ....# ...#. ..#.. .#... #.... #####",
        "[ .###. .#... .#... .#... .#... .#... .###.",
        "\\ ..... #.... .#... ..#.. ...#. ....# .....",
        "] .###. ...#. ...#. ...#. ...#. ...#. .###.",
        "^ ..#.. .#.#. #...# ..... ..... ..... .....",
        "_ ..... ..... ..... ..... ..... ..... #####",
        "` .#... ..#.. ..... ..... ..... ..... .....",
        "a ..... ..... .###. ....# .#### #...# .####",
        "b #.... #.... #.##. ##..# #...# #...# ####.",
        "c ..... ..... .###. #.... #.... #...# .###.",
        "d ....# ....# .##.# #..## #...# #...# .####",
        "e ..... ..... .###. #...# ##### #.... .###.",
        "f ..##. .#..# .#... ###.. .#... .#... .#...",
        "g ..... ..... .#### #...# #...# #...# .#### ....# .###.",
        "h #.... #.... #.##. ##..# #...# #...# #...#",
        "i ..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",
        "j ...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",
        "k #.... #.... #..#. #.#.. ##... #.#.. #..#.",
        "l .##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
        "m ..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
        "n ..... ..... #.##. ##..# #...# #...# #...#",
        "o ..... ..... .###. #...# #...# #...# .###.",
        "p ..... ..... ####. #...# #...# #...# ####. #.... #....",
        "q ..... ..... .#### #...# #...# #...# .#### ....# ....#",
        "r ..... ..... #.##. ##..# #.... #.... #....",
        "s ..... ..... .###. #.... .###. ....# ####.",
        "t .#... .#... ###.. .#... .#... .#..# ..##.",
        "u ..... ..... #...# #...# #...# #..## .##.#",
        "v ..... ..... #...# #...# #...# .#.#. ..#..",
        "w ..... ..... #...# #...# #.#.# #.#.# .#.#.",
        "x ..... ..... #...# .#.#. ..#.. .#.#. #...#",
        "y ..... ..... #...# #...# #...# #...# .#### ....# .###.",
        "z ..... ..... ##### ...#. ..#.. .#... #####",
        "{ ...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.",
        "| ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        "} .#... ..#.. ..#.. ...#. ..#.. ..#.. .#...",
        "~ ..... ..... .#... #.#.# ...#. ..... .....",
        "\u00b1 ..#.. ..#.. ##### ..#.. ..#.. ..... #####",
        "\u00d7 ..... #...# .#.#. ..#.. .#.#. #...# .....",
        "\u00b7 ..... ..... ..... .##.. .##.. ..... .....",
        "\u2212 ..... ..... ..... .###. ..... ..... .....",
        "\u2192 ..... ..#.. ...#. ##### ...#. ..#.. .....",
        "\u03bb ##... ..#.. ..#.. .#.#. .#.#. #...# #...#",
        "\u03bc ..... ..... #...# #...# #...# ##..# #.##. #.... #....",
        "\u03c3 ..... ..... .#### #..#. #...# #...# .###.",
    };

    /** Drawn for characters without a glyph. */
    private static final int[] MISSING = parseRows("##### #...# #...# #...# #...# #...# #####");

    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        for (String entry : TABLE) {
            GLYPHS.put(entry.charAt(0), parseRows(entry.substring(2)));
        }
    }

    private BitmapFont() {
    }

    /** Rows of 5 bits, bit 4 = leftmost column. */
    private static int[] parseRows(String rows) {
        String[] tokens = rows.split(" ");
        if (tokens.length != CAP_HEIGHT && tokens.length != CELL_HEIGHT) {
            throw new IllegalStateException("BitmapFont glyph needs 7 or 9 rows, got " + tokens.length + ": " + rows);
        }
        int[] bits = new int[tokens.length];
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r].length() != GLYPH_WIDTH) {
                throw new IllegalStateException("BitmapFont glyph row must be 5 pixels wide: '" + tokens[r] + "'");
            }
            for (int c = 0; c < GLYPH_WIDTH; c++) {
                if (tokens[r].charAt(c) == '#') {
                    bits[r] |= 1 << (GLYPH_WIDTH - 1 - c);
                }
            }
        }
        return bits;
    }

    /** True if {@code c} has its own glyph (without falling back to diacritic stripping or the box). */
    public static boolean hasGlyph(char c) {
        return GLYPHS.containsKey(c);
    }

    /** Width in pixels of {@code text} drawn at {@code scale}: {@code (6n − 1)·scale}, 0 for an empty string. */
    public static int stringWidth(String text, int scale) {
        int n = text == null ? 0 : text.length();
        return n == 0 ? 0 : (ADVANCE * n - 1) * scale;
    }

    /** Height in pixels of one line of text at {@code scale}, descenders included. */
    public static int lineHeight(int scale) {
        return CELL_HEIGHT * scale;
    }

    /** The glyph rows for {@code c} (5 bits each, bit 4 leftmost), after the fallbacks described in the class doc. */
    static int[] glyph(char c) {
        int[] g = GLYPHS.get(c);
        if (g != null) {
            return g;
        }
        String stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (stripped.length() == 1 && GLYPHS.containsKey(stripped.charAt(0))) {
            return GLYPHS.get(stripped.charAt(0));
        }
        return MISSING;
    }

    /**
     * Draws {@code text} left to right with its top-left corner at ({@code x}, {@code y}); the baseline is at
     * {@code y + 7·scale}.
     */
    public static void draw(Graphics2D g, String text, int x, int y, int scale, Color colour) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Color before = g.getColor();
        g.setColor(colour);
        for (int i = 0; i < text.length(); i++) {
            int[] rows = glyph(text.charAt(i));
            int left = x + i * ADVANCE * scale;
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < GLYPH_WIDTH; c++) {
                    if ((rows[r] & (1 << (GLYPH_WIDTH - 1 - c))) != 0) {
                        g.fillRect(left + c * scale, y + r * scale, scale, scale);
                    }
                }
            }
        }
        g.setColor(before);
    }

    /**
     * Draws {@code text} rotated 90° counter-clockwise (reading bottom to top), as for a y-axis label. The rotated
     * text occupies {@code [x, x + 9·scale) × [y − stringWidth, y)}: ({@code x}, {@code y}) is its bottom-left corner.
     */
    public static void drawUpwards(Graphics2D g, String text, int x, int y, int scale, Color colour) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Color before = g.getColor();
        g.setColor(colour);
        for (int i = 0; i < text.length(); i++) {
            int[] rows = glyph(text.charAt(i));
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < GLYPH_WIDTH; c++) {
                    if ((rows[r] & (1 << (GLYPH_WIDTH - 1 - c))) != 0) {
                        int along = i * ADVANCE + c;
                        g.fillRect(x + r * scale, y - (along + 1) * scale, scale, scale);
                    }
                }
            }
        }
        g.setColor(before);
    }
}
