package org.geodl4j.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The UCI optical handwritten digits (Alpaydin &amp; Kaynak 1998; CC BY 4.0, see {@code data/NOTICE.md}): 1,797 images
 * of 8×8 pixels with values 0–16, embedded in the samples jar. Features are scaled to [0, 1]; labels are one-hot.
 * {@link #split(double, long)} gives a stratified, seed-deterministic train/test split.
 */
public final class UciDigits {

    /** Classpath location of the embedded copy. */
    public static final String RESOURCE = "/org/geodl4j/samples/data/digits.csv.gz";
    /** Number of pixels per image. */
    public static final int FEATURES = 64;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private final double[][] pixels;
    private final int[] labels;

    private UciDigits(double[][] pixels, int[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Loads the embedded copy. */
    public static UciDigits load() {
        InputStream in = UciDigits.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("UCI digits resource " + RESOURCE + " is missing from the classpath");
        }
        return read(in, RESOURCE);
    }

    /** Loads a user copy in the same format (CSV, optionally gzip-compressed: 64 pixel values then the label). */
    public static UciDigits load(Path file) {
        try {
            return read(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read digits file " + file, e);
        }
    }

    private static UciDigits read(InputStream raw, String source) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        try (InputStream in = source.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != FEATURES + 1) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": expected " + (FEATURES + 1)
                            + " comma-separated values (64 pixels and a label), found " + f.length);
                }
                double[] px = new double[FEATURES];
                for (int i = 0; i < FEATURES; i++) {
                    px[i] = Double.parseDouble(f[i].trim()) / 16.0;
                }
                int y = (int) Double.parseDouble(f[FEATURES].trim());
                if (y < 0 || y >= CLASSES) {
                    throw new IllegalArgumentException(source + " line " + lineNo + ": label " + y + " is not in 0..9");
                }
                rows.add(px);
                ys.add(y);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read digits from " + source, e);
        }
        return new UciDigits(rows.toArray(new double[0][]), ys.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** All images as one data set (features [n, 64] in [0, 1], one-hot labels [n, 10]) in the given data type. */
    public DataSet all(DataType dataType) {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return subset(idx, dataType);
    }

    /**
     * A stratified split: within each class a seed-determined shuffle puts {@code testFraction} of the images in the
     * test set. Returns {@code {train, test}}.
     */
    public DataSet[] split(double testFraction, long seed, DataType dataType) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, rnd);
            int nTest = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, nTest));
            train.addAll(members.subList(nTest, members.size()));
        }
        java.util.Collections.shuffle(train, rnd);
        java.util.Collections.shuffle(test, rnd);
        return new DataSet[] {subset(train.stream().mapToInt(Integer::intValue).toArray(), dataType),
                subset(test.stream().mapToInt(Integer::intValue).toArray(), dataType)};
    }

    private DataSet subset(int[] idx, DataType dataType) {
        double[][] x = new double[idx.length][];
        double[][] y = new double[idx.length][CLASSES];
        for (int i = 0; i < idx.length; i++) {
            x[i] = pixels[idx[i]];
            y[i][labels[idx[i]]] = 1.0;
        }
        INDArray features = Nd4j.createFromArray(x).castTo(dataType);
        INDArray oneHot = Nd4j.createFromArray(y).castTo(dataType);
        return new DataSet(features, oneHot);
    }
}
