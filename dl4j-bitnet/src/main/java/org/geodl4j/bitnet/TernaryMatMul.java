package org.geodl4j.bitnet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Multiplication-free ternary × int8 products {@code Y[b, r] = Σ_c T[r, c]·X[b, c]} with exact int32 accumulators,
 * for GEMV (batch 1) and GEMM (batch B), multi-threaded across output rows.
 *
 * <p>Algorithm (lookup tables, no weight multiplications): for every group of five input columns and every
 * activation row, a 243-entry table holds all sums {@code Σ_i t_i·x_i} over {@code t ∈ {−1,0,1}^5}, built with
 * 363 additions/subtractions by extending one trit at a time:
 * <pre>
 *   L₀ = [0];   L_{i+1}[j + c·3^i] = L_i[j] + (c − 1)·x_i,   c ∈ {0, 1, 2}
 * </pre>
 * A weight row is then {@code ⌈cols/5⌉} table look-ups indexed directly by the packed bytes of {@link TernaryMatrix}
 * and summed: {@code Y[b, r] = Σ_g L_g[b][packed[r, g]]}. For batch B the tables are interleaved
 * {@code [group][code][b]} so one packed byte adds a contiguous run of B integers (auto-vectorised by the JIT). The
 * column axis is processed in blocks so a block's tables stay in L2; each worker builds its own tables for its rows,
 * so there is no synchronisation and the result is bit-identical for any thread count.
 *
 * <p>Reference: lookup-table ternary kernels TL1/TL2 of bitnet.cpp — Wang et al., "1-bit AI Infra: Part 1.1, Fast
 * and Lossless BitNet b1.58 Inference on CPUs", arXiv:2410.16144 (2024); T-MAC — Wei et al., arXiv:2407.00088 (2024).
 *
 * <p>Convention: activations are given as integer levels (int8, {@link ActivationQuantizer}), row-major
 * {@code [batch, cols]}; results are row-major {@code [batch, rows]}; dequantisation ({@code ·γ/s_b}) is left to the
 * caller. Plain scalar Java (no incubating Vector API).
 */
public final class TernaryMatMul implements AutoCloseable {

    /** Table entries per worker and column block: 2^17 ints = 512 KB, half of a typical per-core L2. */
    private static final int L2_TABLE_BUDGET_ENTRIES = 1 << 17;

    private final int threads;
    private final ExecutorService pool;

    /**
     * A kernel with its own fixed thread pool (daemon threads).
     *
     * @param threads worker threads, ≥ 1 (1 runs on the caller thread)
     */
    public TernaryMatMul(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("TernaryMatMul: threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "geodl4j-ternary-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * {@code Y = X·Tᵀ} with exact integer accumulation.
     *
     * @param w     packed ternary weights {@code [rows, cols]}
     * @param x     int8 activations, row-major {@code [batch, cols]}
     * @param batch number of activation rows, ≥ 1
     * @return {@code [batch, rows]} row-major sums {@code Σ_c T[r, c]·x[b, c]}
     */
    public int[] multiply(TernaryMatrix w, byte[] x, int batch) {
        checkShapes(w, x, batch);
        int rows = w.rows();
        int[] out = new int[Math.multiplyExact(batch, rows)];
        int tasks = Math.min(threads, rows);
        if (tasks == 1) {
            multiplyRows(w, x, batch, 0, rows, out);
            return out;
        }
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int r0 = (int) ((long) rows * t / tasks);
            int r1 = (int) ((long) rows * (t + 1) / tasks);
            futures.add(pool.submit(() -> multiplyRows(w, x, batch, r0, r1, out)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("TernaryMatMul: interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("TernaryMatMul: worker failed", e.getCause());
            }
        }
        return out;
    }

    /**
     * Naive reference product: decodes every trit and adds or subtracts the activation (no tables, one thread).
     *
     * @param w     packed ternary weights
     * @param x     int8 activations {@code [batch, cols]}
     * @param batch number of activation rows
     * @return {@code [batch, rows]} sums
     */
    public static int[] multiplyReference(TernaryMatrix w, byte[] x, int batch) {
        checkShapes(w, x, batch);
        int rows = w.rows();
        int cols = w.cols();
        byte[] t = w.unpack();
        int[] out = new int[batch * rows];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                int acc = 0;
                for (int c = 0; c < cols; c++) {
                    int trit = t[r * cols + c];
                    if (trit > 0) {
                        acc += x[b * cols + c];
                    } else if (trit < 0) {
                        acc -= x[b * cols + c];
                    }
                }
                out[b * rows + r] = acc;
            }
        }
        return out;
    }

    private static void checkShapes(TernaryMatrix w, byte[] x, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("TernaryMatMul: batch must be >= 1, got " + batch);
        }
        if (x.length != (long) batch * w.cols()) {
            throw new IllegalArgumentException("TernaryMatMul: activations must be [batch=" + batch + ", cols="
                    + w.cols() + "] = " + ((long) batch * w.cols()) + " values, got " + x.length);
        }
    }

    /** Column-block size in groups so that one block's tables ({@code groups·243·batch} entries) fit the budget. */
    static int groupsPerBlock(int batch, int groupsPerRow) {
        int g = Math.max(1, L2_TABLE_BUDGET_ENTRIES / (TernaryMatrix.CODES * batch));
        return Math.min(g, groupsPerRow);
    }

    private static void multiplyRows(TernaryMatrix w, byte[] x, int batch, int r0, int r1, int[] out) {
        int cols = w.cols();
        int gpr = w.groupsPerRow();
        int rows = w.rows();
        byte[] packed = w.packed();
        int blockGroups = groupsPerBlock(batch, gpr);
        int[] lut = new int[blockGroups * TernaryMatrix.CODES * batch];
        // GEMV reads one random entry per table: a short copy halves the L2 footprint (|entry| ≤ 5·128 = 640)
        short[] lut16 = batch == 1 ? new short[lut.length] : null;
        int[] xt = new int[TernaryMatrix.TRITS_PER_BYTE * batch];
        int nRows = r1 - r0;
        int[] acc = new int[nRows * batch];
        for (int g0 = 0; g0 < gpr; g0 += blockGroups) {
            int g1 = Math.min(gpr, g0 + blockGroups);
            for (int g = g0; g < g1; g++) {
                buildTable(x, batch, cols, g, xt, lut, (g - g0) * TernaryMatrix.CODES * batch);
            }
            if (batch == 1) {
                int n = g1 - g0;
                for (int i = 0; i < n * TernaryMatrix.CODES; i++) {
                    lut16[i] = (short) lut[i];
                }
                int n4 = n & ~3;
                for (int r = r0; r < r1; r++) {
                    int base = r * gpr + g0;
                    int s0 = 0;
                    int s1 = 0;
                    int s2 = 0;
                    int s3 = 0;
                    int g = 0;
                    // four independent partial sums: the look-ups are independent loads, the adds are not chained
                    for (; g < n4; g += 4) {
                        s0 += lut16[g * TernaryMatrix.CODES + (packed[base + g] & 0xFF)];
                        s1 += lut16[(g + 1) * TernaryMatrix.CODES + (packed[base + g + 1] & 0xFF)];
                        s2 += lut16[(g + 2) * TernaryMatrix.CODES + (packed[base + g + 2] & 0xFF)];
                        s3 += lut16[(g + 3) * TernaryMatrix.CODES + (packed[base + g + 3] & 0xFF)];
                    }
                    for (; g < n; g++) {
                        s0 += lut16[g * TernaryMatrix.CODES + (packed[base + g] & 0xFF)];
                    }
                    acc[r - r0] += (s0 + s1) + (s2 + s3);
                }
            } else {
                for (int r = r0; r < r1; r++) {
                    int base = r * gpr;
                    int a = (r - r0) * batch;
                    for (int g = g0; g < g1; g++) {
                        int off = ((g - g0) * TernaryMatrix.CODES + (packed[base + g] & 0xFF)) * batch;
                        for (int b = 0; b < batch; b++) {
                            acc[a + b] += lut[off + b];
                        }
                    }
                }
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                out[b * rows + r] = acc[(r - r0) * batch + b];
            }
        }
    }

    /** Fills the 243×batch table of group g at {@code lut[base…]} (layout [code][b]) with additions only. */
    private static void buildTable(byte[] x, int batch, int cols, int g, int[] xt, int[] lut, int base) {
        int c0 = g * TernaryMatrix.TRITS_PER_BYTE;
        for (int i = 0; i < TernaryMatrix.TRITS_PER_BYTE; i++) {
            int c = c0 + i;
            for (int b = 0; b < batch; b++) {
                xt[i * batch + b] = c < cols ? x[b * cols + c] : 0;
            }
        }
        java.util.Arrays.fill(lut, base, base + batch, 0);
        int n = 1;
        for (int i = 0; i < TernaryMatrix.TRITS_PER_BYTE; i++) {
            int xi = i * batch;
            int len = n * batch;
            for (int e = 0; e < n; e++) {
                int src = base + e * batch;
                for (int b = 0; b < batch; b++) {
                    int v = lut[src + b];
                    int a = xt[xi + b];
                    lut[src + 2 * len + b] = v + a;
                    lut[src + len + b] = v;
                    lut[src + b] = v - a;
                }
            }
            n *= 3;
        }
    }

    /** Shuts the thread pool down. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
