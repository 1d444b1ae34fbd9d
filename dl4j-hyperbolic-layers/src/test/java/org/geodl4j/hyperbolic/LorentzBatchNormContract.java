package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Lorentz;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The layer contract plus the statistics of a Lorentz batch norm ({@link LorentzBatchNorm},
 * {@link GyroLorentzBatchNorm}): training-mode output Fréchet variance about the learned mean equals
 * {@code scale^2 s2/(s2 + eps)} to 1e-6 and the output centroid is near the learned mean (loose: the centroid is not
 * the Fréchet mean, reference note §5/§6); running statistics converge to the population statistics; at inference a
 * sample's output does not depend on its batch; convolutional (per-pixel) input.
 */
abstract class LorentzBatchNormContract extends LayerContractTest {

    private static final double EPS = 1e-5;

    /** The batch norm under test with curvature {@link #C}. */
    abstract LorentzBatchNormBase.Builder<?> builder();

    @Override
    Layer layer(boolean trainable, double c) {
        return builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.LORENTZ;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.LORENTZ;
    }

    /** [exp_o, BN] without an output layer, with a non-trivial learned mean and scale. */
    private MultiLayerNetwork bnNet(InputType type, double scale) {
        MultiLayerConfiguration conf = Nets.list(D, new NoOp())
                .layer(Bridges.lorentzIn(C, false))
                .layer(builder().curvature(C).build())
                .setInputType(type).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray mu = net.getLayer(1).getParam(LorentzBatchNormBase.MEAN);
        long w = mu.length();
        for (int j = 1; j < w; j++) {
            mu.putScalar(j, 0.4 * (j % 2 == 0 ? 1 : -0.6));
        }
        mu.assign(new Lorentz(C).projx(mu));
        net.getLayer(1).getParam(LorentzBatchNormBase.SCALE).assign(scale);
        return net;
    }

    private static INDArray data(long seed, int n, long... tail) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = new long[tail.length + 1];
        shape[0] = n;
        System.arraycopy(tail, 0, shape, 1, tail.length);
        return Nd4j.randn(D, shape).muli(0.6).addi(0.4);
    }

    private static double frechetVariance(Lorentz l, INDArray centre, INDArray points) {
        INDArray d = l.dist(centre, points);
        return d.mul(d).meanNumber().doubleValue();
    }

    private String tag() {
        return "[" + getClass().getSimpleName() + "] ";
    }

    @Test
    void trainingOutputVarianceEqualsTargetAndCentreIsNearLearnedMean() {
        Lorentz l = new Lorentz(C);
        double scale = 0.7;
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), scale);
        List<INDArray> acts = net.feedForward(data(1, 64, Nets.N_IN), true);
        INDArray x = acts.get(1);
        INDArray y = acts.get(2);
        double s2 = frechetVariance(l, l.centroid(x, null), x);
        INDArray mu = net.getLayer(1).getParam(LorentzBatchNormBase.MEAN);
        double outVar = frechetVariance(l, mu, y);
        double target = scale * scale * s2 / (s2 + EPS);
        double centreErr = l.dist(l.centroid(y, null), mu).getDouble(0);
        System.out.println(tag() + "s2 = " + s2 + ", output Fréchet variance = " + outVar + ", target = " + target
                + ", |diff| = " + Math.abs(outVar - target) + ", d(centroid(y), mu) = " + centreErr);
        assertTrue(l.checkPoint(y, 1e-10).isEmpty(), "outputs off the hyperboloid");
        assertEquals(target, outVar, 1e-6);
        assertTrue(s2 > 0.05, "degenerate data: s2 = " + s2);
        // the Lorentz centroid is not the Fréchet mean; ~1e-2 apart (reference note §5, §6)
        assertTrue(centreErr < 0.05, "output centroid " + centreErr + " from the learned mean");
    }

    @Test
    void convolutionalInputNormalisesEachPixelChannelVector() {
        Lorentz l = new Lorentz(C);
        double scale = 1.3;
        MultiLayerNetwork net = bnNet(InputType.convolutional(3, 2, Nets.N_IN), scale);
        List<INDArray> acts = net.feedForward(data(2, 6, Nets.N_IN, 3, 2), true);
        long w = Nets.N_IN + 1;
        INDArray x = acts.get(1).permute(0, 2, 3, 1).dup('c').reshape(-1, w);
        INDArray y = acts.get(2).permute(0, 2, 3, 1).dup('c').reshape(-1, w);
        double s2 = frechetVariance(l, l.centroid(x, null), x);
        double outVar = frechetVariance(l, net.getLayer(1).getParam(LorentzBatchNormBase.MEAN), y);
        System.out.println(tag() + "conv: 36 pixel points, output Fréchet variance = " + outVar + ", target = "
                + scale * scale * s2 / (s2 + EPS));
        assertEquals(scale * scale * s2 / (s2 + EPS), outVar, 1e-6);
        assertEquals(4, acts.get(2).rank());
    }

    @Test
    void runningStatisticsConvergeToPopulationStatistics() {
        Lorentz l = new Lorentz(C);
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), 1.0);
        INDArray all = data(3, 1024, Nets.N_IN);
        INDArray points = net.feedForward(all, false).get(1);
        INDArray popMean = l.centroid(points, null);
        double popVar = frechetVariance(l, popMean, points);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 16; b++) {
                net.feedForward(all.get(NDArrayIndex.interval(b * 64, (b + 1) * 64)), true);
            }
        }
        INDArray rm = net.getLayer(1).getParam(LorentzBatchNormBase.RUNNING_MEAN);
        double rv = net.getLayer(1).getParam(LorentzBatchNormBase.RUNNING_VAR).getDouble(0);
        double meanErr = l.dist(rm, popMean).getDouble(0);
        System.out.println(tag() + "running mean vs population centroid: d = " + meanErr + "; running var " + rv
                + " vs population " + popVar);
        assertTrue(l.checkPoint(rm, 1e-10).isEmpty(), "running mean off the hyperboloid");
        assertTrue(meanErr < 0.05, "running mean " + meanErr + " away from the population centroid");
        assertEquals(popVar, rv, 0.05 * popVar);
        assertTrue(Math.abs(rv - 1.0) > 0.1, "running variance never moved from its initial value");
    }

    @Test
    void inferenceOutputOfASampleDoesNotDependOnItsBatch() {
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), 0.9);
        INDArray u = data(4, 64, Nets.N_IN);
        net.feedForward(u, true);
        INDArray batch = net.output(u, false);
        double worst = 0;
        for (int i = 0; i < 64; i += 7) {
            INDArray single = net.output(u.getRow(i, true), false);
            worst = Math.max(worst, single.sub(batch.getRow(i, true)).amaxNumber().doubleValue());
        }
        System.out.println(tag() + "inference: max |batch of 1 - batch of 64| = " + worst);
        assertTrue(worst < 1e-12, "inference output depends on the batch: " + worst);
        INDArray training = net.output(u, true);
        assertTrue(training.sub(batch).amaxNumber().doubleValue() > 1e-3, "inference uses batch statistics");
    }
}
