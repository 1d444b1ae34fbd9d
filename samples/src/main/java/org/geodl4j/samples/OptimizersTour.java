package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.geodl4j.samples.OptimizerComparison.Optimiser;
import org.geodl4j.samples.OptimizerComparison.Run;

/**
 * The optimiser comparison in miniature: every optimiser of {@code samples optimizers} (Muon, RLO-Λ, RLO-Lifted,
 * RiemannianAdam, DL4J Adam and Nesterovs) trains the same digits MLP from the same initialisation for a few epochs
 * at its default learning rate. Checks: every optimiser starts from the same initial loss, no run diverges, every
 * optimiser at least halves the full training loss, and every test accuracy is well above chance.
 */
final class OptimizersTour implements TourSection {

    static final int EPOCHS = 1;
    static final int BATCH = 32;

    @Override
    public String title() {
        return "Riemannian optimisers: Muon, RLO, RiemannianAdam vs DL4J Adam on the digits";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        OptimizerComparison cmp = new OptimizerComparison(UciDigits.load(), EPOCHS, BATCH, Integer.MAX_VALUE);
        out.printf(Locale.ROOT, "UCI digits MLP 64-128-128-10 (float32), %d epoch(s) x %d steps of batch %d, seed 0, "
                + "default learning rates (the full comparison: `samples optimizers --seeds 5 --sweep`):%n",
                EPOCHS, cmp.stepsPerEpoch(), BATCH);
        out.println("  optimiser                     lr        initial loss  final loss  test acc  fit time");
        double initial = Double.NaN;
        for (Optimiser opt : Optimiser.values()) {
            Run r = cmp.run(opt, opt.defaultLr, 0, null);
            double first = r.trainLoss()[0];
            if (Double.isNaN(initial)) {
                initial = first;
            } else if (first != initial) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s started from a different initialisation: initial loss %.6f vs %.6f", opt.label, first,
                        initial));
            }
            double last = r.finalLoss();
            double acc = r.finalAccuracy();
            out.printf(Locale.ROOT, "  %-28s  %-8s  %12.4f  %10.4f  %7.2f%%  %6.2f s%n", opt.label,
                    OptimizersCommand.fmtLr(opt.defaultLr), first, last, 100 * acc, r.seconds()[r.seconds().length - 1]);
            if (r.diverged()) {
                throw new IllegalStateException(opt.label + " diverged");
            }
            if (!(last < 0.5 * first)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s did not halve the training loss: %.4f -> %.4f", opt.label, first, last));
            }
            if (!(acc > 0.8)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s test accuracy %.3f is not above 0.8 (chance 0.1)", opt.label, acc));
            }
            summary.put("optimizers." + opt.name() + ".finalLoss", last);
            summary.put("optimizers." + opt.name() + ".testAccuracy", acc);
        }
        out.println("  checks: same initial loss for every optimiser (paired init); no divergence; every optimiser halves "
                + "the loss; every test accuracy > 80%.");
        return summary;
    }
}
