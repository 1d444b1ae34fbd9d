package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Manifold;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The layer contract plus the statistics of a hyperbolic batch norm ({@link HyperbolicBatchNorm}: the Poincaré one
 * in {@link PoincareBatchNormTest}, the Lorentz ones through {@link LorentzBatchNormContract}): training-mode output
 * Fréchet variance (mean squared distance) about the learned mean equals {@code scale^2 s2/(s2 + eps)} to 1e-6, the
 * outputs and the running mean lie on the manifold, and the output centre is near the learned mean (loose: neither the
 * gyromidpoint nor the Lorentz centroid is the Fréchet mean, reference note §4/§5/§6); running statistics converge to
 * the population statistics; at inference a sample's output does not depend on its batch; convolutional (per-pixel)
 * input. A subclass names the space and its centre.
 */
abstract class HyperbolicBatchNormContract extends LayerContractTest {

    private static final double EPS = 1e-5;

    /** The batch norm under test (its curvature is set by the contract). */
    abstract HyperbolicBatchNorm.Builder<?> builder();

    /** The space of the batch norm's points. */
    abstract PointSpace space();

    /** The manifold of curvature {@link #C}. */
    abstract Manifold manifold();

    /** The centre the layer uses in training mode (equal weights), computed eagerly: {@code [1, width]}. */
    abstract INDArray centre(INDArray points);

    /** Name of the centre in messages ("midpoint", "centroid"). */
    abstract String centreName();

    /** Width of a point for {@code Nets.N_IN} input features. */
    abstract long pointWidth();

    /** Moves the freshly initialised learned mean {@code mu [1, width]} (the origin) to a non-trivial point, in place. */
    abstract void placeLearnedMean(INDArray mu);

    @Override
    Layer layer(boolean trainable, double c) {
        return builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return space();
    }

    @Override
    PointSpace outSpace() {
        return space();
    }

    /** [exp map at the origin, BN] without an output layer, with a non-trivial learned mean and scale. */
    private MultiLayerNetwork bnNet(InputType type, double scale) {
        Layer bridge = space() == PointSpace.POINCARE ? PoincareExpMap0.builder().curvature(C).build()
                : Bridges.lorentzIn(C, false);
        MultiLayerConfiguration conf = Nets.list(D, new NoOp())
                .layer(bridge)
                .layer(builder().curvature(C).build())
                .setInputType(type).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        placeLearnedMean(net.getLayer(1).getParam(HyperbolicBatchNorm.MEAN));
        net.getLayer(1).getParam(HyperbolicBatchNorm.SCALE).assign(scale);
        return net;
    }

    /** Data clustered away from the origin: u ~ offset + noise, mapped by the exp map in the net. */
    private static INDArray data(long seed, int n, long... tail) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = new long[tail.length + 1];
        shape[0] = n;
        System.arraycopy(tail, 0, shape, 1, tail.length);
        return Nd4j.randn(D, shape).muli(0.6).addi(0.4);
    }

    /** Mean squared distance of the points to {@code centre}. */
    private static double frechetVariance(Manifold m, INDArray centre, INDArray points) {
        INDArray d = m.dist(centre, points);
        return d.mul(d).meanNumber().doubleValue();
    }

    private String tag() {
        return "[" + getClass().getSimpleName() + "] ";
    }

    @Test
    void trainingOutputVarianceEqualsTargetAndCentreIsNearLearnedMean() {
        Manifold man = manifold();
        double scale = 0.7;
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), scale);
        List<INDArray> acts = net.feedForward(data(1, 64, Nets.N_IN), true);
        INDArray x = acts.get(1);
        INDArray y = acts.get(2);
        double s2 = frechetVariance(man, centre(x), x);
        INDArray mu = net.getLayer(1).getParam(HyperbolicBatchNorm.MEAN);
        double outVar = frechetVariance(man, mu, y);
        double target = scale * scale * s2 / (s2 + EPS);
        double centreErr = man.dist(centre(y), mu).getDouble(0);
        System.out.println(tag() + "s2 = " + s2 + ", output Fréchet variance = " + outVar + ", target = " + target
                + ", |diff| = " + Math.abs(outVar - target) + ", d(" + centreName() + "(y), mu) = " + centreErr);
        assertTrue(man.checkPoint(y, 1e-10).isEmpty(), "outputs off the manifold: " + man.checkPoint(y, 1e-10));
        assertEquals(target, outVar, 1e-6);
        assertTrue(s2 > 0.05, "degenerate data: s2 = " + s2);
        // neither the gyromidpoint nor the Lorentz centroid is the Fréchet mean: ~1e-2 apart (reference note §4-§6)
        assertTrue(centreErr < 0.05, "output " + centreName() + " " + centreErr + " from the learned mean");
    }

    @Test
    void convolutionalInputNormalisesEachPixelChannelVector() {
        Manifold man = manifold();
        double scale = 1.3;
        MultiLayerNetwork net = bnNet(InputType.convolutional(3, 2, Nets.N_IN), scale);
        List<INDArray> acts = net.feedForward(data(2, 6, Nets.N_IN, 3, 2), true);
        // NCHW -> one point per pixel
        long w = pointWidth();
        INDArray x = acts.get(1).permute(0, 2, 3, 1).dup('c').reshape(-1, w);
        INDArray y = acts.get(2).permute(0, 2, 3, 1).dup('c').reshape(-1, w);
        double s2 = frechetVariance(man, centre(x), x);
        double outVar = frechetVariance(man, net.getLayer(1).getParam(HyperbolicBatchNorm.MEAN), y);
        System.out.println(tag() + "conv: 36 pixel points, output Fréchet variance = " + outVar + ", target = "
                + scale * scale * s2 / (s2 + EPS));
        assertEquals(scale * scale * s2 / (s2 + EPS), outVar, 1e-6);
        assertEquals(4, acts.get(2).rank());
    }

    @Test
    void runningStatisticsConvergeToPopulationStatistics() {
        Manifold man = manifold();
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), 1.0);
        INDArray all = data(3, 1024, Nets.N_IN);
        INDArray points = net.feedForward(all, false).get(1);
        INDArray popMean = centre(points);
        double popVar = frechetVariance(man, popMean, points);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 16; b++) {
                net.feedForward(all.get(NDArrayIndex.interval(b * 64, (b + 1) * 64)), true);
            }
        }
        INDArray rm = net.getLayer(1).getParam(HyperbolicBatchNorm.RUNNING_MEAN);
        double rv = net.getLayer(1).getParam(HyperbolicBatchNorm.RUNNING_VAR).getDouble(0);
        double meanErr = man.dist(rm, popMean).getDouble(0);
        System.out.println(tag() + "running mean vs population " + centreName() + ": d = " + meanErr
                + "; running var " + rv + " vs population " + popVar);
        assertTrue(man.checkPoint(rm, 1e-10).isEmpty(), "running mean off the manifold: " + man.checkPoint(rm, 1e-10));
        assertTrue(meanErr < 0.05, "running mean " + meanErr + " away from the population " + centreName());
        // batch statistics of 64 points underestimate the population spread by about 1/64
        assertEquals(popVar, rv, 0.05 * popVar);
        assertTrue(Math.abs(rv - 1.0) > 0.1, "running variance never moved from its initial value");
    }

    @Test
    void inferenceOutputOfASampleDoesNotDependOnItsBatch() {
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), 0.9);
        INDArray u = data(4, 64, Nets.N_IN);
        net.feedForward(u, true);   // move the running statistics away from their initial values
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
