package org.geodl4j.koopman;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.geodl4j.koopman.data.TrajectorySet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of trajectory windows of {@code S+1} consecutive states. A window is one row of the features array,
 * {@code [batch, (S+1)·d]}, laid out step-major: columns {@code [k·d, (k+1)·d)} hold {@code x_k}. Labels are the same
 * array (the model is self-supervised). Windows start every {@code stride} samples of every trajectory
 * ({@code t₀ = 0, stride, …, t₀ + S ≤ T − 1}); with {@code shuffle} their order is permuted each epoch (seeded by
 * {@code seed} and the number of {@link #reset()} calls, so runs are reproducible).
 */
public final class TrajectoryWindowIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final INDArray windows;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int stateDim;
    private final int steps;
    private int[] order;
    private int cursor;
    private int resets;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data      trajectories (each at least S+1 samples long)
     * @param steps     S (windows hold S+1 states)
     * @param batchSize minibatch size (the last batch of an epoch may be smaller)
     * @param stride    start offset between windows of one trajectory (>= 1)
     * @param shuffle   permute windows every epoch
     * @param seed      shuffle seed
     * @param dataType  FLOAT or DOUBLE
     * @throws IllegalArgumentException if the trajectories are shorter than S+1 samples, or arguments are invalid
     */
    public TrajectoryWindowIterator(TrajectorySet data, int steps, int batchSize, int stride, boolean shuffle,
                                    long seed, DataType dataType) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TrajectoryWindowIterator: batchSize must be >= 1, got " + batchSize);
        }
        this.windows = windows(data, steps, stride, dataType);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.stateDim = data.dimension();
        this.steps = steps;
        reset();
        resets = 0;
        makeOrder();
    }

    /**
     * All windows of S+1 states of every trajectory, {@code [nWindows, (S+1)·d]} (layout as in the class doc).
     *
     * @throws IllegalArgumentException if a trajectory is shorter than S+1 samples or S/stride are invalid
     */
    public static INDArray windows(TrajectorySet data, int steps, int stride, DataType dataType) {
        if (steps < 1) {
            throw new IllegalArgumentException("TrajectoryWindowIterator: steps S must be >= 1, got " + steps);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("TrajectoryWindowIterator: stride must be >= 1, got " + stride);
        }
        int t = data.length();
        if (t < steps + 1) {
            throw new IllegalArgumentException("TrajectoryWindowIterator: " + data.name() + " has trajectories of "
                    + t + " samples, but a window of S=" + steps + " steps needs S+1=" + (steps + 1)
                    + " samples; use fewer steps or longer trajectories");
        }
        int d = data.dimension();
        int perTraj = (t - 1 - steps) / stride + 1;
        double[][] rows = new double[data.size() * perTraj][];
        int r = 0;
        for (int i = 0; i < data.size(); i++) {
            double[][] tr = data.trajectory(i);
            for (int w = 0; w < perTraj; w++) {
                int t0 = w * stride;
                double[] row = new double[(steps + 1) * d];
                for (int k = 0; k <= steps; k++) {
                    System.arraycopy(tr[t0 + k], 0, row, k * d, d);
                }
                rows[r++] = row;
            }
        }
        return Nd4j.createFromArray(rows).castTo(dataType);
    }

    /** Number of windows per epoch. */
    public int numWindows() {
        return (int) windows.size(0);
    }

    /** S. */
    public int steps() {
        return steps;
    }

    /** d. */
    public int stateDim() {
        return stateDim;
    }

    private void makeOrder() {
        int n = numWindows();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rnd = new Random(seed * 1_000_003L + resets);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("TrajectoryWindowIterator: epoch exhausted; call reset()");
        }
        int end = Math.min(order.length, cursor + num);
        long[] idx = new long[end - cursor];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order[cursor + i];
        }
        cursor = end;
        INDArray f = windows.getRows(toInt(idx));
        DataSet ds = new DataSet(f, f);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    private static int[] toInt(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (int) a[i];
        }
        return r;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public void reset() {
        cursor = 0;
        resets++;
        if (order != null) {
            makeOrder();
        }
    }

    @Override
    public int inputColumns() {
        return (int) windows.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) windows.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
