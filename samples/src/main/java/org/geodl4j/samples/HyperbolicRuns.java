package org.geodl4j.samples;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.geodl4j.hyperbolic.HyperbolicActivation;
import org.geodl4j.hyperbolic.LorentzBatchNorm;
import org.geodl4j.hyperbolic.LorentzExpMap0;
import org.geodl4j.hyperbolic.LorentzLinear;
import org.geodl4j.hyperbolic.LorentzMLR;
import org.geodl4j.hyperbolic.PoincareBatchNorm;
import org.geodl4j.hyperbolic.PoincareExpMap0;
import org.geodl4j.hyperbolic.PoincareLinear;
import org.geodl4j.hyperbolic.PoincareMLR;
import org.geodl4j.hyperbolic.PointSpace;
import org.geodl4j.updater.RiemannianAdam;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The hyperbolic-MLP experiment on the UCI digits, shared by {@code hyperbolic-digits} and the tour: six float32 MLPs
 * of the same width, two hidden layers of {@code hidden} units with ReLU, softmax cross-entropy:
 * <ul>
 *   <li>Euclidean: {@code DenseLayer ×2 → OutputLayer}, optionally {@code Dense(identity) → BatchNormalization → ReLU};
 *       DL4J {@link Adam}.</li>
 *   <li>Poincaré (HNN++): {@code PoincareExpMap0 → PoincareLinear ×2 → PoincareMLR}, ReLU in the tangent space at the
 *       origin, optionally {@code PoincareLinear → PoincareBatchNorm → HyperbolicActivation(ReLU)};
 *       {@link RiemannianAdam}.</li>
 *   <li>Lorentz (LFC): {@code LorentzExpMap0 → LorentzLinear ×2 → LorentzMLR} (hyperboloid of {@code hidden} space
 *       dimensions, i.e. {@code hidden + 1} coordinates), optionally with {@code LorentzBatchNorm}; RiemannianAdam.</li>
 * </ul>
 * RiemannianAdam is Adam on Euclidean parameters and moves the manifold parameters (the batch norms' learned means)
 * along the manifold. Curvature 1, fixed. Every run starts from an initialisation fixed by its seed (the network seed;
 * {@link #sameInit} checks it) and visits the training set in a seed-determined order.
 */
final class HyperbolicRuns {

    /** Seed of the stratified train/test split (the convention of {@code samples optimizers}). */
    static final long SPLIT_SEED = OptimizerComparison.SPLIT_SEED;
    /** Fraction held out for testing. */
    static final double TEST_FRACTION = OptimizerComparison.TEST_FRACTION;
    /** "Converged" = first epoch whose test accuracy is within this many points (fraction) of the run's best. */
    static final double CONVERGED_WITHIN = 0.005;
    /** Training-loss threshold of the second convergence measure (mean minibatch loss of an epoch). */
    static final double LOSS_THRESHOLD = 0.1;

    private HyperbolicRuns() {
    }

    /** The six models. */
    enum Model {
        EUCLIDEAN("Euclidean MLP", false),
        EUCLIDEAN_BN("Euclidean MLP + BN", true),
        POINCARE("Poincaré HNN++ MLP", false),
        POINCARE_BN("Poincaré HNN++ MLP + PoincaréBN", true),
        LORENTZ("Lorentz LFC MLP", false),
        LORENTZ_BN("Lorentz LFC MLP + LorentzBN", true);

        final String label;
        final boolean bn;

        Model(String label, boolean bn) {
            this.label = label;
            this.bn = bn;
        }

        boolean hyperbolic() {
            return this != EUCLIDEAN && this != EUCLIDEAN_BN;
        }
    }

    /** One training run; {@code failure} is non-null when the loss or an output became NaN/Inf (the run stopped). */
    record Run(Model model, long seed, double[] testAccuracy, double[] trainLoss, double fitSeconds, int epochsRun,
               String failure) {

        boolean failed() {
            return failure != null;
        }

        double finalAccuracy() {
            return failed() ? Double.NaN : testAccuracy[testAccuracy.length - 1];
        }

        double bestAccuracy() {
            double b = Double.NEGATIVE_INFINITY;
            for (double a : testAccuracy) {
                b = Math.max(b, a);
            }
            return b;
        }

        /** First epoch (1-based) whose test accuracy is within {@link #CONVERGED_WITHIN} of the run's best. */
        int epochsToConverge() {
            double best = bestAccuracy();
            for (int e = 0; e < testAccuracy.length; e++) {
                if (testAccuracy[e] >= best - CONVERGED_WITHIN - 1e-12) {
                    return e + 1;
                }
            }
            return -1;
        }

        /** First epoch (1-based) whose mean training loss is below {@link #LOSS_THRESHOLD}, or −1. */
        int epochsToLoss() {
            for (int e = 0; e < trainLoss.length; e++) {
                if (trainLoss[e] < LOSS_THRESHOLD) {
                    return e + 1;
                }
            }
            return -1;
        }

        double secondsPerEpoch() {
            return fitSeconds / Math.max(1, epochsRun);
        }
    }

    /** The network of a model, initialised from {@code seed}. */
    static MultiLayerNetwork network(Model m, int hidden, long seed, double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(m.hyperbolic() ? new RiemannianAdam(lr) : new Adam(lr)).weightInit(WeightInit.XAVIER).list();
        switch (m) {
            case EUCLIDEAN, EUCLIDEAN_BN -> {
                for (int i = 0; i < 2; i++) {
                    if (m.bn) {
                        b.layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.IDENTITY).build());
                        b.layer(new BatchNormalization.Builder().build());
                        b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
                    } else {
                        b.layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build());
                    }
                }
                b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(UciDigits.CLASSES)
                        .activation(Activation.SOFTMAX).build());
            }
            case POINCARE, POINCARE_BN -> {
                b.layer(PoincareExpMap0.builder().curvature(1.0).build());
                for (int i = 0; i < 2; i++) {
                    if (m.bn) {
                        b.layer(PoincareLinear.builder().nOut(hidden).build());
                        b.layer(PoincareBatchNorm.builder().build());
                        b.layer(HyperbolicActivation.builder().space(PointSpace.POINCARE).activation(Activation.RELU)
                                .build());
                    } else {
                        b.layer(PoincareLinear.builder().nOut(hidden).activation(Activation.RELU).build());
                    }
                }
                b.layer(PoincareMLR.builder().nOut(UciDigits.CLASSES).build());
            }
            case LORENTZ, LORENTZ_BN -> {
                b.layer(LorentzExpMap0.builder().build());
                for (int i = 0; i < 2; i++) {
                    if (m.bn) {
                        b.layer(LorentzLinear.builder().nOut(hidden + 1).build());
                        b.layer(LorentzBatchNorm.builder().build());
                        b.layer(HyperbolicActivation.builder().space(PointSpace.LORENTZ).activation(Activation.RELU)
                                .build());
                    } else {
                        b.layer(LorentzLinear.builder().nOut(hidden + 1).activation(Activation.RELU).build());
                    }
                }
                b.layer(LorentzMLR.builder().nOut(UciDigits.CLASSES).build());
            }
            default -> throw new IllegalArgumentException(String.valueOf(m));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.feedForward(UciDigits.FEATURES))
                .build());
        net.init();
        return net;
    }

    /** True when two networks built from the same seed start from identical parameters (reproducible init). */
    static boolean sameInit(Model m, int hidden, long seed) {
        Nd4j.getRandom().setSeed(seed * 31 + 7); // a different global RNG state must not matter
        MultiLayerNetwork a = network(m, hidden, seed, 1e-3);
        Nd4j.getRandom().setSeed(seed * 17 + 3);
        MultiLayerNetwork b = network(m, hidden, seed, 1e-3);
        return a.params().equals(b.params());
    }

    /**
     * Trains one model for {@code epochs} epochs of minibatches in a seed-shuffled order, recording the test accuracy
     * and the mean minibatch training loss after each epoch; only {@code fit} calls are timed. A NaN/Inf loss or test
     * output (or an updater's non-finite error) stops the run and is reported loudly on stderr.
     *
     * @param onStep called after every minibatch (progress bars), may be null
     * @param log    receives one line per epoch (loss, accuracy, cumulative fit time), may be null
     */
    static Run train(Model m, int hidden, long seed, DataSet train, DataSet test, int epochs, int batch, double lr,
                     Runnable onStep, java.io.PrintStream log) {
        MultiLayerNetwork net = network(m, hidden, seed, lr);
        double[] acc = new double[epochs];
        double[] loss = new double[epochs];
        long fitNanos = 0;
        Random order = new Random(seed * 1_000_003L + 11);
        int n = train.numExamples();
        for (int e = 0; e < epochs; e++) {
            int[] perm = BitnetRuns.permutation(n, order);
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batch) {
                int[] rows = java.util.Arrays.copyOfRange(perm, from, Math.min(n, from + batch));
                if (rows.length < 2 && m.bn) {
                    continue; // batch statistics need two points
                }
                DataSet mb = new DataSet(train.getFeatures().getRows(rows), train.getLabels().getRows(rows));
                long t0 = System.nanoTime();
                try {
                    net.fit(mb);
                } catch (RuntimeException ex) {
                    fitNanos += System.nanoTime() - t0;
                    return fail(m, seed, acc, loss, e, fitNanos, "exception in epoch " + (e + 1) + ": " + ex);
                }
                fitNanos += System.nanoTime() - t0;
                double s = net.score();
                if (!Double.isFinite(s)) {
                    return fail(m, seed, acc, loss, e, fitNanos, "training loss " + s + " in epoch " + (e + 1));
                }
                sum += s;
                batches++;
                if (onStep != null) {
                    onStep.run();
                }
            }
            loss[e] = sum / batches;
            org.nd4j.linalg.api.ndarray.INDArray out = net.output(test.getFeatures(), false);
            if (out.isNaN().any() || out.isInfinite().any()) {
                return fail(m, seed, acc, loss, e, fitNanos, "non-finite test output after epoch " + (e + 1));
            }
            acc[e] = BitnetRuns.accuracy(out, test.getLabels());
            if (log != null) {
                log.printf(Locale.ROOT, "  %s seed %d epoch %d: loss %.4f, test acc %.4f, fit %.2f s so far%n",
                        m.label, seed, e + 1, loss[e], acc[e], fitNanos / 1e9);
            }
        }
        return new Run(m, seed, acc, loss, fitNanos / 1e9, epochs, null);
    }

    private static Run fail(Model m, long seed, double[] acc, double[] loss, int epoch, long fitNanos, String why) {
        String msg = String.format(Locale.ROOT, "!!! NaN/Inf: %s seed %d stopped: %s", m.label, seed, why);
        System.err.println(msg);
        return new Run(m, seed, java.util.Arrays.copyOf(acc, epoch), java.util.Arrays.copyOf(loss, epoch),
                fitNanos / 1e9, Math.max(1, epoch), msg);
    }

    /** Per-epoch mean and sample sd of test accuracy over the finished runs: {@code {mean[], sd[]}}. */
    static double[][] curve(List<Run> runs, int epochs) {
        double[][] out = new double[2][epochs];
        for (int e = 0; e < epochs; e++) {
            int k = 0;
            double[] xs = new double[runs.size()];
            for (Run r : runs) {
                if (!r.failed()) {
                    xs[k++] = r.testAccuracy()[e];
                }
            }
            double[] ms = k == 0 ? new double[] {Double.NaN, Double.NaN}
                    : BitnetRuns.meanSd(java.util.Arrays.copyOf(xs, k));
            out[0][e] = ms[0];
            out[1][e] = ms[1];
        }
        return out;
    }
}
