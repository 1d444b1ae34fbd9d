package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.geodl4j.bitnet.TernaryExport;
import org.geodl4j.bitnet.TernaryMatMul;
import org.geodl4j.bitnet.TernaryMatrix;
import org.geodl4j.bitnet.TernaryStatistics;
import org.geodl4j.samples.BitnetRuns.Noise;
import org.geodl4j.samples.BitnetRuns.Run;
import org.geodl4j.samples.BitnetRuns.Variant;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * BitNet b1.58 in the tour: an all-ternary MLP with a learnable stochastic-resonance noise level trained for two epochs
 * (batch 128) on the UCI digits, its ternary code statistics, the packed export (checked against the training-time forward), and
 * the lookup-table kernel checked against the naive product on an odd shape.
 */
final class BitnetTour implements TourSection {

    /** Training epochs (24 Adam steps of batch 128 in all: the tour stays well under 20 s). */
    static final int EPOCHS = 2;
    static final int BATCH = 128;

    @Override
    public String title() {
        return "BitNet b1.58: ternary BitLinear, stochastic resonance, packed inference";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        DataSet[] split = UciDigits.load().split(0.2, 0, DataType.FLOAT);
        Variant v = Variant.ternary(true, Noise.learnable, 8);
        Run run = BitnetRuns.train(v, 1, split[0], split[1], EPOCHS, BATCH, 0.003, null);
        double acc = run.finalAccuracy();
        out.printf("UCI digits, MLP 64-256-256-10, every layer ternary + SR learnable σ, %d epochs of batch %d "
                + "(Adam 0.003): test accuracy %.2f%%%n", EPOCHS, BATCH, 100 * acc);
        check("test accuracy after " + EPOCHS + " epochs > 70%", acc > 0.70, acc);
        for (Map.Entry<String, TernaryStatistics> e : TernaryExport.statistics(run.net).entrySet()) {
            TernaryStatistics s = e.getValue();
            double total = s.fractionMinus() + s.sparsity() + s.fractionPlus();
            check("code fractions sum to 1", Math.abs(total - 1) < 1e-9, total);
            out.printf("  %-7s γ = %.4f  −1 %.1f%%  0 %.1f%%  +1 %.1f%%%n", e.getKey(), s.scale(),
                    100 * s.fractionMinus(), 100 * s.sparsity(), 100 * s.fractionPlus());
        }
        Map<String, Object> packed = BitnetDigits.packedDemo(out, run.net, split[1], 2, 3);
        double diff = (Double) packed.get("bitnet.packed.maxAbsDiff");
        check("packed output equals training-time forward (max |Δp| < 1e-4)", diff < 1e-4, diff);
        double agree = (Double) packed.get("bitnet.packed.argmaxAgreement");
        check("packed predictions agree", agree == 1.0, agree);
        double mem = (Double) packed.get("bitnet.packed.memoryRatio");
        check("packed weights ≥ 16× smaller than float32", mem >= 16, mem);

        Random rnd = new Random(5);
        int rows = 33;
        int cols = 1025;
        int batch = 3;
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (rnd.nextInt(3) - 1);
        }
        byte[] x = new byte[batch * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (rnd.nextInt(256) - 128);
        }
        TernaryMatrix w = TernaryMatrix.pack(rows, cols, trits, 1.0);
        int[] ref = TernaryMatMul.multiplyReference(w, x, batch);
        int mismatches = 0;
        try (TernaryMatMul k = new TernaryMatMul(2)) {
            int[] y = k.multiply(w, x, batch);
            for (int i = 0; i < y.length; i++) {
                mismatches += y[i] != ref[i] ? 1 : 0;
            }
        }
        out.printf("lookup-table kernel vs naive ternary product, 33×1025 × batch 3: %d mismatching integer sums%n",
                mismatches);
        check("kernel equals naive product exactly", mismatches == 0, mismatches);
        summary.put("bitnet.tour.testAccuracy", acc);
        summary.putAll(packed);
        return summary;
    }

    private static void check(String what, boolean ok, Object value) {
        if (!ok) {
            throw new IllegalStateException(what + ": got " + value);
        }
    }
}
