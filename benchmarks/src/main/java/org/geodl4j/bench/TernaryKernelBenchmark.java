package org.geodl4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.geodl4j.bitnet.TernaryMatMul;
import org.geodl4j.bitnet.TernaryMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The packed 1.6-bit ternary × int8 lookup-table kernel ({@link TernaryMatMul}) against ND4J float32 {@code mmul}
 * (OpenBLAS sgemm/sgemv) on the shapes: GEMV 4096×4096 (batch 1), GEMM 4096×4096 × batch 32 and GEMV
 * 11008×4096 (an LLM MLP projection). The kernel runs on {@code threads} worker threads; run with
 * {@code OMP_NUM_THREADS} equal to {@code threads} so OpenBLAS gets the same number. Baselines are the
 * {@code euclidean*} methods (float32 {@code mmul} into a preallocated result); the ternary methods time the integer
 * product only (activation quantisation and dequantisation are O(batch·(rows + cols)) and excluded on both sides).
 * Weight memory: float32 4 bytes/weight vs {@link TernaryMatrix#sizeInBytes()} (1.6 bits/weight + scale), 20×.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class TernaryKernelBenchmark {

    /** One shape: float32 weights {@code [cols, rows]} (DL4J layout) and the packed ternary matrix. */
    abstract static class Shape {
        INDArray wf;
        INDArray xf;
        INDArray yf;
        TernaryMatrix w;
        byte[] x;
        int batch;
        TernaryMatMul kernel;

        void init(int rows, int cols, int batch, int threads) {
            this.batch = batch;
            Random rnd = new Random(42);
            byte[] trits = new byte[rows * cols];
            for (int i = 0; i < trits.length; i++) {
                int u = rnd.nextInt(3);
                trits[i] = (byte) (u - 1);
            }
            w = TernaryMatrix.pack(rows, cols, trits, 0.05);
            x = new byte[batch * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (byte) (rnd.nextInt(255) - 127);
            }
            Nd4j.getRandom().setSeed(42);
            wf = Nd4j.rand(DataType.FLOAT, cols, rows).subi(0.5);
            xf = Nd4j.rand(DataType.FLOAT, batch, cols).subi(0.5);
            yf = Nd4j.create(DataType.FLOAT, batch, rows);
            kernel = new TernaryMatMul(threads);
        }

        @TearDown(Level.Trial)
        public void close() {
            kernel.close();
        }
    }

    /** GEMV 4096×4096, batch 1. */
    @State(Scope.Benchmark)
    public static class Gemv4096 extends Shape {
        @Param({"2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(4096, 4096, 1, threads);
        }
    }

    /** GEMM 4096×4096, batch 32. */
    @State(Scope.Benchmark)
    public static class Gemm4096x32 extends Shape {
        @Param({"2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(4096, 4096, 32, threads);
        }
    }

    /** GEMV 11008×4096 (11008 outputs, 4096 inputs), batch 1. */
    @State(Scope.Benchmark)
    public static class Gemv11008 extends Shape {
        @Param({"2"})
        public int threads;

        @Setup(Level.Trial)
        public void setup() {
            init(11008, 4096, 1, threads);
        }
    }

    @Benchmark
    public INDArray euclideanF32Gemv4096(Gemv4096 s) {
        return s.xf.mmuli(s.wf, s.yf);
    }

    @Benchmark
    public int[] ternaryGemv4096(Gemv4096 s) {
        return s.kernel.multiply(s.w, s.x, s.batch);
    }

    @Benchmark
    public INDArray euclideanF32Gemm4096x32(Gemm4096x32 s) {
        return s.xf.mmuli(s.wf, s.yf);
    }

    @Benchmark
    public int[] ternaryGemm4096x32(Gemm4096x32 s) {
        return s.kernel.multiply(s.w, s.x, s.batch);
    }

    @Benchmark
    public INDArray euclideanF32Gemv11008(Gemv11008 s) {
        return s.xf.mmuli(s.wf, s.yf);
    }

    @Benchmark
    public int[] ternaryGemv11008(Gemv11008 s) {
        return s.kernel.multiply(s.w, s.x, s.batch);
    }
}
