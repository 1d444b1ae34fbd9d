package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.geodl4j.samples.HyperbolicRuns.Model;
import org.geodl4j.samples.HyperbolicRuns.Run;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The hyperbolic-MLP experiment in miniature: a Poincaré (HNN++) MLP 64-32-32-10 ({@code PoincareExpMap0 →
 * PoincareLinear ×2 → PoincareMLR}, RiemannianAdam) trained for two epochs on the UCI digits. Checks: the
 * initialisation is fixed by the seed, no NaN, the training loss falls, and the test accuracy beats chance (10%) by a
 * wide margin.
 */
final class HyperbolicDigitsTour implements TourSection {

    static final int HIDDEN = 32;
    static final int EPOCHS = 2;
    static final int BATCH = 128;
    static final double LR = 0.01;

    @Override
    public String title() {
        return "Hyperbolic MLP (Poincaré HNN++) on the UCI digits";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        DataSet[] split = UciDigits.load().split(HyperbolicRuns.TEST_FRACTION, HyperbolicRuns.SPLIT_SEED,
                DataType.FLOAT);
        check("same seed gives the same initial parameters", HyperbolicRuns.sameInit(Model.POINCARE, HIDDEN, 1), false);
        Run r = HyperbolicRuns.train(Model.POINCARE, HIDDEN, 1, split[0], split[1], EPOCHS, BATCH, LR, null, null);
        out.printf(Locale.ROOT, "Poincaré MLP 64-%d-%d-10 (exp_0 → PoincareLinear ×2 → PoincareMLR), RiemannianAdam lr %s,"
                        + " batch %d, %d epochs, seed 1 (the full comparison: `samples hyperbolic-digits`):%n", HIDDEN,
                HIDDEN, LR, BATCH, EPOCHS);
        check("no NaN/Inf", !r.failed(), r.failure());
        for (int e = 0; e < EPOCHS; e++) {
            out.printf(Locale.ROOT, "  epoch %d: mean training loss %.4f, test accuracy %.2f%%%n", e + 1,
                    r.trainLoss()[e], 100 * r.testAccuracy()[e]);
        }
        double first = r.trainLoss()[0];
        double last = r.trainLoss()[EPOCHS - 1];
        double acc = r.finalAccuracy();
        check("training loss falls from epoch 1 to epoch " + EPOCHS, last < first, first + " -> " + last);
        check("test accuracy > 50% (chance 10%)", acc > 0.5, acc);
        out.printf(Locale.ROOT, "  fit time %.1f s; checks: seeded init reproducible, no NaN, loss falls, test accuracy > "
                + "50%%.%n", r.fitSeconds());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("hyperbolicDigits.poincare.testAccuracy", acc);
        summary.put("hyperbolicDigits.poincare.finalLoss", last);
        return summary;
    }

    private static void check(String what, boolean ok, Object value) {
        if (!ok) {
            throw new IllegalStateException(what + ": got " + value);
        }
    }
}
