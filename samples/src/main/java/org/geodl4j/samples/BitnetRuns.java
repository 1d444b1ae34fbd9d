package org.geodl4j.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.bitnet.BitLinear;
import org.geodl4j.bitnet.NoiseDistribution;
import org.geodl4j.bitnet.StochasticResonance;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The UCI-digits MLP 64-256-256-10 of the BitNet experiment, in its variants: full precision, every layer a
 * {@link BitLinear} (output layer included) or BitLinear hidden layers with a full-precision output layer; plain STE or
 * stochastic resonance (SR: fixed Gaussian σ, one-step uniform dither, learnable Gaussian σ); 8- or 4-bit activations.
 * Shared by {@code bitnet-digits} and the tour.
 */
final class BitnetRuns {

    /** Hidden width. */
    static final int HIDDEN = 256;

    private BitnetRuns() {
    }

    /** Noise before the weight quantiser. */
    enum Noise {
        none("plain STE"),
        gaussian("SR Gaussian σ=0.5"),
        dither("SR uniform dither"),
        learnable("SR learnable σ");

        final String label;

        Noise(String label) {
            this.label = label;
        }

        StochasticResonance config() {
            switch (this) {
                case gaussian:
                    return StochasticResonance.fixed(NoiseDistribution.GAUSSIAN, 0.5);
                case dither:
                    return StochasticResonance.dither();
                case learnable:
                    return StochasticResonance.learnable(NoiseDistribution.GAUSSIAN, 0.5);
                default:
                    return null;
            }
        }
    }

    /** One network variant. */
    static final class Variant {
        final boolean fp32;
        final boolean ternaryOutput;
        final Noise noise;
        final int activationBits;

        Variant(boolean fp32, boolean ternaryOutput, Noise noise, int activationBits) {
            this.fp32 = fp32;
            this.ternaryOutput = ternaryOutput;
            this.noise = noise;
            this.activationBits = activationBits;
        }

        static Variant fp32() {
            return new Variant(true, false, Noise.none, 32);
        }

        static Variant ternary(boolean ternaryOutput, Noise noise, int bits) {
            return new Variant(false, ternaryOutput, noise, bits);
        }

        String label() {
            if (fp32) {
                return "FP32";
            }
            return (ternaryOutput ? "all ternary" : "FP output") + ", " + noise.label + ", A" + activationBits;
        }

        String shortLabel() {
            return fp32 ? "FP32" : noise.label + (activationBits != 8 ? " A" + activationBits : "");
        }
    }

    /** The result of one training run. */
    static final class Run {
        final Variant variant;
        final long seed;
        final double[] testAccuracy;
        final MultiLayerNetwork net;

        Run(Variant variant, long seed, double[] testAccuracy, MultiLayerNetwork net) {
            this.variant = variant;
            this.seed = seed;
            this.testAccuracy = testAccuracy;
            this.net = net;
        }

        double finalAccuracy() {
            return testAccuracy[testAccuracy.length - 1];
        }
    }

    /** Builds the network of a variant (float32, Adam, ReLU hidden layers, softmax + cross-entropy). */
    static MultiLayerNetwork network(Variant v, long seed, double learningRate) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(learningRate)).list();
        if (v.fp32) {
            b.layer(new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.RELU).build());
            b.layer(new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.RELU).build());
            b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(UciDigits.CLASSES)
                    .activation(Activation.SOFTMAX).build());
        } else {
            StochasticResonance sr = v.noise.config();
            for (int i = 0; i < 2; i++) {
                b.layer(BitLinear.builder().nOut(HIDDEN).activation(Activation.RELU).activationBits(v.activationBits)
                        .stochasticResonance(sr).build());
            }
            if (v.ternaryOutput) {
                b.layer(BitLinear.builder().nOut(UciDigits.CLASSES).activationBits(v.activationBits)
                        .stochasticResonance(sr).build());
                b.layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .build());
            } else {
                b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(UciDigits.CLASSES)
                        .activation(Activation.SOFTMAX).build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.feedForward(UciDigits.FEATURES))
                .build());
        net.init();
        return net;
    }

    /**
     * Trains a variant: minibatches of a seed-shuffled training set every epoch; test accuracy after each epoch.
     *
     * @param afterBatch called after every minibatch with the epoch index (for progress bars), may be null
     */
    static Run train(Variant v, long seed, DataSet trainSet, DataSet testSet, int epochs, int batch,
                     double learningRate, IntConsumer afterBatch) {
        MultiLayerNetwork net = network(v, seed, learningRate);
        double[] acc = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            // own permutation: DataSet.shuffle(seed) gave the same first-epoch order for different seeds
            int[] perm = permutation(trainSet.numExamples(), new java.util.Random(seed * 1_000_003L + e));
            DataSet shuffled = new DataSet(Nd4j.pullRows(trainSet.getFeatures(), 1, perm),
                    Nd4j.pullRows(trainSet.getLabels(), 1, perm));
            for (DataSet mb : shuffled.batchBy(batch)) {
                net.fit(mb);
                if (afterBatch != null) {
                    afterBatch.accept(e);
                }
            }
            acc[e] = accuracy(net.output(testSet.getFeatures(), false), testSet.getLabels());
        }
        return new Run(v, seed, acc, net);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    static int[] permutation(int n, java.util.Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Number of minibatches per epoch. */
    static int batchesPerEpoch(DataSet trainSet, int batch) {
        return (trainSet.numExamples() + batch - 1) / batch;
    }

    /** Fraction of rows whose arg-max agrees with the one-hot label. */
    static double accuracy(INDArray output, INDArray labels) {
        INDArray p = output.argMax(1);
        INDArray y = labels.argMax(1);
        return p.eq(y).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** Mean and sample standard deviation. */
    static double[] meanSd(double[] xs) {
        double m = 0;
        for (double x : xs) {
            m += x;
        }
        m /= xs.length;
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return new double[] {m, xs.length > 1 ? Math.sqrt(s / (xs.length - 1)) : 0};
    }

    /** Final accuracies of runs. */
    static double[] finals(List<Run> runs) {
        double[] out = new double[runs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = runs.get(i).finalAccuracy();
        }
        return out;
    }

    /** Per-epoch mean and sd of test accuracy over runs: {@code {mean[], sd[]}}. */
    static double[][] curve(List<Run> runs) {
        int epochs = runs.get(0).testAccuracy.length;
        double[][] out = new double[2][epochs];
        for (int e = 0; e < epochs; e++) {
            double[] xs = new double[runs.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = runs.get(i).testAccuracy[e];
            }
            double[] ms = meanSd(xs);
            out[0][e] = ms[0];
            out[1][e] = ms[1];
        }
        return out;
    }

    /** The experiment grid: FP32, then (all ternary, FP output) × noise at 8 bits, then the 4-bit variants. */
    static List<Variant> grid(boolean withFourBit) {
        List<Variant> vs = new ArrayList<>();
        vs.add(Variant.fp32());
        for (boolean ternaryOut : new boolean[] {true, false}) {
            for (Noise n : Noise.values()) {
                vs.add(Variant.ternary(ternaryOut, n, 8));
            }
        }
        if (withFourBit) {
            vs.add(Variant.ternary(true, Noise.none, 4));
            vs.add(Variant.ternary(true, Noise.learnable, 4));
            vs.add(Variant.ternary(false, Noise.none, 4));
        }
        return vs;
    }
}
