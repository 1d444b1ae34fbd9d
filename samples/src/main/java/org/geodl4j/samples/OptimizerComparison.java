package org.geodl4j.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.geodl4j.nn.GeoUpdaters;
import org.geodl4j.updater.Muon;
import org.geodl4j.updater.RiemannianAdam;
import org.geodl4j.updater.Rlo;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The optimiser comparison on the UCI digits: one float32 MLP 64-128-128-10 (ReLU, softmax cross-entropy, Xavier
 * init, no regularisation) trained with mini-batches by each optimiser, recording the full training-set loss and the
 * test accuracy every {@code evalEvery} steps. Timing counts only {@code fit} calls (evaluation excluded).
 *
 * <p>The seed fixes the weight initialisation and the mini-batch order; the train/test split is the same for every
 * run ({@link #SPLIT_SEED}, 20% test, stratified). Every optimiser of a seed starts from bit-identical weights: the
 * DL4J seed is {@link #initSeed(long)}, never 0 — ND4J 1.0.0-M2.1's native RNG treats {@code setSeed(0)} as "seed from
 * the clock", so a DL4J {@code seed(0)} network gets a different initialisation every time it is built.
 */
final class OptimizerComparison {

    /** Seed of the stratified train/test split shared by every run. */
    static final long SPLIT_SEED = 2026;
    /** Fraction of the digits held out for testing. */
    static final double TEST_FRACTION = 0.2;
    /** Offset added to a run seed to get the (non-zero) DL4J weight-initialisation seed. */
    static final long INIT_SEED_OFFSET = 1000;
    /** Name of the output layer (Muon keeps it on its AdamW fallback, as the Muon reference recommends). */
    static final String HEAD = "out";

    /** The optimisers compared, each with its default learning rate and a small sweep grid around it. */
    enum Optimiser {
        ADAM("DL4J Adam", 1e-3, new double[] {1e-3, 3e-3, 1e-2, 3e-2}, lr -> new Adam(lr)),
        NESTEROVS("DL4J Nesterovs (0.9)", 0.1, new double[] {0.03, 0.1, 0.3}, lr -> new Nesterovs(lr, 0.9)),
        RIEMANNIAN_ADAM("RiemannianAdam", 1e-3, new double[] {1e-3, 3e-3, 1e-2, 3e-2}, lr -> new RiemannianAdam(lr)),
        MUON("Muon (head+biases AdamW)", 0.02, new double[] {0.005, 0.02, 0.05},
                lr -> Muon.builder().learningRate(lr).adamwLearningRate(lr * MUON_ADAMW_RATIO)
                        .adamwParams(List.of(HEAD)).build()),
        RLO_LAMBDA("RLO-Lambda", 1e-3, new double[] {1e-4, 3e-4, 1e-3, 3e-3},
                lr -> Rlo.lambda().toBuilder().learningRate(lr).build()),
        RLO_LIFTED("RLO-Lifted (eta 0.3)", 1e-3, new double[] {1e-4, 3e-4, 1e-3, 3e-3},
                lr -> Rlo.lifted().toBuilder().learningRate(lr).build());

        final String label;
        final double defaultLr;
        final double[] grid;
        private final DoubleFunction<IUpdater> factory;

        Optimiser(String label, double defaultLr, double[] grid, DoubleFunction<IUpdater> factory) {
            this.label = label;
            this.defaultLr = defaultLr;
            this.grid = grid;
            this.factory = factory;
        }

        IUpdater updater(double lr) {
            return factory.apply(lr);
        }
    }

    /** Muon's AdamW fallback (head, biases) runs at this fraction of the Muon learning rate (0.02 → 1e-3). */
    static final double MUON_ADAMW_RATIO = 0.05;

    /** One training run. {@code steps[i]} is the step count at evaluation i (0 = before training). */
    record Run(Optimiser optimiser, double lr, long seed, int[] steps, double[] trainLoss, double[] testAccuracy,
               double[] seconds, boolean diverged) {

        double finalLoss() {
            return diverged ? Double.POSITIVE_INFINITY : trainLoss[trainLoss.length - 1];
        }

        double finalAccuracy() {
            return diverged ? Double.NaN : testAccuracy[testAccuracy.length - 1];
        }

        /** First evaluated step at which the training loss is at most {@code threshold}, or −1. */
        int stepsTo(double threshold) {
            for (int i = 0; i < steps.length; i++) {
                if (trainLoss[i] <= threshold) {
                    return steps[i];
                }
            }
            return -1;
        }

        /** Training seconds (fit calls only) until the loss first reaches {@code threshold}, or NaN. */
        double secondsTo(double threshold) {
            for (int i = 0; i < steps.length; i++) {
                if (trainLoss[i] <= threshold) {
                    return seconds[i];
                }
            }
            return Double.NaN;
        }
    }

    private final DataSet train;
    private final DataSet test;
    private final int epochs;
    private final int batchSize;
    private final int evalEvery;

    OptimizerComparison(UciDigits digits, int epochs, int batchSize, int evalEvery) {
        DataSet[] split = digits.split(TEST_FRACTION, SPLIT_SEED, DataType.FLOAT);
        this.train = split[0];
        this.test = split[1];
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.evalEvery = evalEvery;
    }

    int trainSize() {
        return train.numExamples();
    }

    int testSize() {
        return test.numExamples();
    }

    int stepsPerEpoch() {
        return (trainSize() + batchSize - 1) / batchSize;
    }

    int totalSteps() {
        return epochs * stepsPerEpoch();
    }

    /**
     * The DL4J seed of the weight initialisation of run seed {@code seed}: {@code seed + }{@link #INIT_SEED_OFFSET}.
     * Never 0, because ND4J M2.1's native RNG ignores {@code setSeed(0)} (it seeds from the clock instead).
     */
    static long initSeed(long seed) {
        long s = seed + INIT_SEED_OFFSET;
        if (s == 0) {
            throw new IllegalArgumentException("seed " + seed + " maps to the DL4J seed 0, which ND4J does not honour");
        }
        return s;
    }

    /**
     * The network of the comparison, initialised from {@link #initSeed(long) initSeed(seed)} (the same weights for
     * every updater) and bound for the geodl4j updaters.
     */
    static MultiLayerNetwork network(IUpdater updater, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(initSeed(seed))
                .dataType(DataType.FLOAT).updater(updater).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("h1").nIn(UciDigits.FEATURES).nOut(128)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("h2").nIn(128).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(HEAD).nIn(128)
                        .nOut(UciDigits.CLASSES).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        GeoUpdaters.attach(net);
        return net;
    }

    /**
     * Trains one network; {@code onStep} is called after every training step (for a progress bar). A run whose loss
     * or parameters become non-finite (the geodl4j updaters throw on them) is marked diverged.
     */
    Run run(Optimiser opt, double lr, long seed, Runnable onStep) {
        MultiLayerNetwork net = network(opt.updater(lr), seed);
        List<Integer> steps = new ArrayList<>();
        List<double[]> evals = new ArrayList<>();
        List<Double> secs = new ArrayList<>();
        long fitNanos = 0;
        int step = 0;
        boolean diverged = false;
        evals.add(evaluate(net));
        steps.add(0);
        secs.add(0.0);
        Random order = new Random(seed);
        int[] idx = IntStream.range(0, trainSize()).toArray();
        outer:
        for (int e = 0; e < epochs; e++) {
            for (int i = idx.length - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int from = 0; from < idx.length; from += batchSize) {
                int[] rows = Arrays.copyOfRange(idx, from, Math.min(idx.length, from + batchSize));
                DataSet batch = new DataSet(train.getFeatures().getRows(rows), train.getLabels().getRows(rows));
                long t0 = System.nanoTime();
                try {
                    net.fit(batch);
                } catch (IllegalArgumentException | IllegalStateException ex) {
                    if (!String.valueOf(ex.getMessage()).matches("(?s).*(NaN|Inf|non-finite).*")) {
                        throw ex;
                    }
                    diverged = true;
                }
                fitNanos += System.nanoTime() - t0;
                step++;
                if (onStep != null) {
                    onStep.run();
                }
                if (!diverged && !Double.isFinite(net.score())) {
                    diverged = true;
                }
                if (diverged) {
                    break outer;
                }
                if (step % evalEvery == 0 || step == totalSteps()) {
                    double[] ev = evaluate(net);
                    evals.add(ev);
                    steps.add(step);
                    secs.add(fitNanos / 1e9);
                    if (!Double.isFinite(ev[0])) {
                        diverged = true;
                        break outer;
                    }
                }
            }
        }
        int n = evals.size();
        double[] loss = new double[n];
        double[] acc = new double[n];
        for (int i = 0; i < n; i++) {
            loss[i] = evals.get(i)[0];
            acc[i] = evals.get(i)[1];
        }
        return new Run(opt, lr, seed, steps.stream().mapToInt(Integer::intValue).toArray(), loss, acc,
                secs.stream().mapToDouble(Double::doubleValue).toArray(), diverged);
    }

    /** {full training-set loss, test accuracy}. */
    private double[] evaluate(MultiLayerNetwork net) {
        double loss = net.score(train, false);
        INDArray predicted = net.output(test.getFeatures(), false).argMax(1);
        INDArray truth = test.getLabels().argMax(1);
        double correct = predicted.eq(truth).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        return new double[] {loss, correct / test.numExamples()};
    }

    /** Mean and sample standard deviation (0 for one value) of the finite values; NaN when there are none. */
    static double[] meanSd(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0.0};
    }
}
