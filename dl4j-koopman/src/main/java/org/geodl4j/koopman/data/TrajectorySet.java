package org.geodl4j.koopman.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A set of equally long trajectories sampled every {@code dt}: {@code [trajectory][time][state]}. Immutable; the
 * arrays handed out are copies.
 */
public final class TrajectorySet {

    private final String name;
    private final double dt;
    private final double[][][] data;

    /**
     * @param name a description (system and protocol)
     * @param dt sampling interval
     * @param data {@code [n][T][d]}, all trajectories of equal length and dimension, finite
     */
    public TrajectorySet(String name, double dt, double[][][] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException(name + ": a trajectory set needs at least one trajectory");
        }
        int t = data[0].length;
        int d = data[0][0].length;
        for (int i = 0; i < data.length; i++) {
            if (data[i].length != t) {
                throw new IllegalArgumentException(name + ": trajectory " + i + " has " + data[i].length
                        + " samples, expected " + t);
            }
            for (int s = 0; s < t; s++) {
                if (data[i][s].length != d) {
                    throw new IllegalArgumentException(name + ": trajectory " + i + " sample " + s + " has dimension "
                            + data[i][s].length + ", expected " + d);
                }
                for (double v : data[i][s]) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(name + ": trajectory " + i + " sample " + s
                                + " is not finite (" + v + ")");
                    }
                }
            }
        }
        this.name = name;
        this.dt = dt;
        this.data = deepCopy(data);
    }

    public String name() {
        return name;
    }

    public double dt() {
        return dt;
    }

    public int size() {
        return data.length;
    }

    /** Samples per trajectory. */
    public int length() {
        return data[0].length;
    }

    public int dimension() {
        return data[0][0].length;
    }

    /** A copy of trajectory i, {@code [T][d]}. */
    public double[][] trajectory(int i) {
        double[][] out = new double[data[i].length][];
        for (int s = 0; s < out.length; s++) {
            out[s] = data[i][s].clone();
        }
        return out;
    }

    /** All trajectories as one array {@code [n, T, d]}. */
    public INDArray toArray(DataType dataType) {
        return Nd4j.createFromArray(data).castTo(dataType);
    }

    /** The trajectories with the given indices. */
    public TrajectorySet subset(String subsetName, int[] indices) {
        double[][][] d = new double[indices.length][][];
        for (int i = 0; i < indices.length; i++) {
            d[i] = data[indices[i]];
        }
        return new TrajectorySet(subsetName, dt, d);
    }

    /**
     * Splits the trajectories at random (seeded) into parts of the given fractions (summing to 1); every part gets at
     * least one trajectory.
     */
    public TrajectorySet[] split(long seed, double... fractions) {
        double sum = 0;
        for (double f : fractions) {
            if (!(f > 0)) {
                throw new IllegalArgumentException(name + ": split fractions must be > 0, got " + f);
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException(name + ": split fractions must sum to 1, got " + sum);
        }
        if (fractions.length > size()) {
            throw new IllegalArgumentException(name + ": cannot split " + size() + " trajectories into "
                    + fractions.length + " parts");
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        TrajectorySet[] parts = new TrajectorySet[fractions.length];
        int start = 0;
        double acc = 0;
        for (int p = 0; p < fractions.length; p++) {
            acc += fractions[p];
            int end = p == fractions.length - 1 ? size() : (int) Math.round(acc * size());
            end = Math.max(end, start + 1);
            end = Math.min(end, size() - (fractions.length - 1 - p));
            parts[p] = subset(name + " part " + p, idx.subList(start, end).stream().mapToInt(Integer::intValue).toArray());
            start = end;
        }
        return parts;
    }

    private static double[][][] deepCopy(double[][][] d) {
        double[][][] c = new double[d.length][][];
        for (int i = 0; i < d.length; i++) {
            c[i] = new double[d[i].length][];
            for (int s = 0; s < d[i].length; s++) {
                c[i][s] = d[i][s].clone();
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " trajectories × " + length() + " samples × " + dimension() + " dims, dt=" + dt;
    }
}
