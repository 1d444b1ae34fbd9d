package org.geodl4j.bitnet.timing;

import java.util.Arrays;
import java.util.Random;
import org.geodl4j.bitnet.TernaryMatMul;
import org.geodl4j.bitnet.TernaryMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stand-alone timing harness (not a unit test; no assertions): ternary LUT kernel vs ND4J float32 {@code mmul} on
 * the shapes. Until the benchmarks module depends on dl4j-bitnet this is how the numbers are produced:
 * <pre>
 *   OMP_NUM_THREADS=2 java -cp dl4j-bitnet/target/test-classes:dl4j-bitnet/target/classes:$(cat cp.txt) \
 *       org.geodl4j.bitnet.timing.TernaryKernelTiming [threads] [reps]
 * </pre>
 */
public final class TernaryKernelTiming {

    private TernaryKernelTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[][] shapes = {{4096, 4096, 1}, {4096, 4096, 32}, {11008, 4096, 1}, {11008, 4096, 32}};
        System.out.println("threads=" + threads + " reps=" + reps + " (median ms)");
        System.out.println("rows(out) x cols(in) x batch | nd4j f32 mmul | ternary LUT | speed-up | weight bytes f32/ternary");
        Random rnd = new Random(42);
        try (TernaryMatMul kernel = new TernaryMatMul(threads)) {
            for (int[] s : shapes) {
                int rows = s[0];
                int cols = s[1];
                int batch = s[2];
                byte[] trits = new byte[rows * cols];
                for (int i = 0; i < trits.length; i++) {
                    trits[i] = (byte) (rnd.nextInt(3) - 1);
                }
                TernaryMatrix w = TernaryMatrix.pack(rows, cols, trits, 0.05);
                byte[] x = new byte[batch * cols];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (byte) (rnd.nextInt(256) - 128);
                }
                Nd4j.getRandom().setSeed(1);
                INDArray wf = Nd4j.rand(DataType.FLOAT, cols, rows);        // DL4J layout [nIn, nOut]
                INDArray xf = Nd4j.rand(DataType.FLOAT, batch, cols);
                INDArray yf = Nd4j.create(DataType.FLOAT, batch, rows);
                double nd = median(reps, () -> xf.mmuli(wf, yf));
                double tern = median(reps, () -> kernel.multiply(w, x, batch));
                long f32Bytes = 4L * rows * cols;
                System.out.printf("%5d x %5d x %2d | %8.3f | %8.3f | %5.2fx | %d / %d = %.1fx%n", rows, cols, batch, nd,
                        tern, nd / tern, f32Bytes, w.sizeInBytes(), f32Bytes / (double) w.sizeInBytes());
            }
        }
    }

    private static double median(int reps, Runnable r) {
        for (int i = 0; i < Math.max(3, reps / 4); i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
