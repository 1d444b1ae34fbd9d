package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * {@link PoincareBatchNorm}: the layer contract, plus its statistics — training-mode output mean squared distance to the
 * learned mean equals {@code scale^2 s2/(s2 + eps)} to 1e-6 and the output midpoint is near the learned mean;
 * running statistics converge to the population statistics; at inference a sample's output does not depend on its
 * batch; convolutional (per-pixel) input.
 */
class PoincareBatchNormTest extends LayerContractTest {

    private static final double EPS = 1e-5;

    @Override
    Layer layer(boolean trainable, double c) {
        return PoincareBatchNorm.builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.POINCARE;
    }

    /** [exp_0, BN] without an output layer, set up with a non-trivial learned mean and scale. */
    private static MultiLayerNetwork bnNet(InputType type, double scale) {
        MultiLayerConfiguration conf = Nets.list(D, new NoOp())
                .layer(PoincareExpMap0.builder().curvature(C).build())
                .layer(PoincareBatchNorm.builder().curvature(C).build())
                .setInputType(type).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray mu = net.getLayer(1).getParam(PoincareBatchNorm.MEAN);
        long w = mu.length();
        for (int j = 0; j < w; j++) {
            mu.putScalar(j, 0.25 * (j % 2 == 0 ? 1 : -0.6));
        }
        net.getLayer(1).getParam(PoincareBatchNorm.SCALE).assign(scale);
        return net;
    }

    /** Data clustered away from the origin: u ~ offset + noise, mapped by exp_0 in the net. */
    private static INDArray data(long seed, int n, long... tail) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = new long[tail.length + 1];
        shape[0] = n;
        System.arraycopy(tail, 0, shape, 1, tail.length);
        return Nd4j.randn(D, shape).muli(0.6).addi(0.4);
    }

    @Test
    void trainingOutputVarianceEqualsTargetAndCentreIsNearLearnedMean() {
        PoincareBall ball = new PoincareBall(C);
        double scale = 0.7;
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), scale);
        INDArray u = data(1, 64, Nets.N_IN);
        List<INDArray> acts = net.feedForward(u, true);
        INDArray x = acts.get(1);
        INDArray y = acts.get(2);
        INDArray m = ball.weightedMidpoint(x, null);
        INDArray d = ball.dist(m, x);
        double s2 = d.mul(d).meanNumber().doubleValue();
        INDArray mu = net.getLayer(1).getParam(PoincareBatchNorm.MEAN);
        INDArray dy = ball.dist(mu, y);
        double outVar = dy.mul(dy).meanNumber().doubleValue();
        double target = scale * scale * s2 / (s2 + EPS);
        double centreErr = ball.dist(ball.weightedMidpoint(y, null), mu).getDouble(0);
        System.out.println("[bn] s2 = " + s2 + ", output mean d^2 = " + outVar + ", target = " + target
                + ", |diff| = " + Math.abs(outVar - target) + ", d(midpoint(y), mu) = " + centreErr);
        assertEquals(target, outVar, 1e-6);
        assertTrue(s2 > 0.05, "degenerate data: s2 = " + s2);
        // only a Fréchet mean is preserved exactly; the gyromidpoint moves by O(1e-2) (reference note §4)
        assertTrue(centreErr < 0.05, "output midpoint " + centreErr + " from the learned mean");
    }

    @Test
    void convolutionalInputNormalisesEachPixelChannelVector() {
        PoincareBall ball = new PoincareBall(C);
        double scale = 1.3;
        MultiLayerNetwork net = bnNet(InputType.convolutional(3, 2, Nets.N_IN), scale);
        INDArray u = data(2, 6, Nets.N_IN, 3, 2);
        List<INDArray> acts = net.feedForward(u, true);
        // NCHW -> one point per pixel
        INDArray x = acts.get(1).permute(0, 2, 3, 1).dup('c').reshape(-1, Nets.N_IN);
        INDArray y = acts.get(2).permute(0, 2, 3, 1).dup('c').reshape(-1, Nets.N_IN);
        INDArray d = ball.dist(ball.weightedMidpoint(x, null), x);
        double s2 = d.mul(d).meanNumber().doubleValue();
        INDArray dy = ball.dist(net.getLayer(1).getParam(PoincareBatchNorm.MEAN), y);
        double outVar = dy.mul(dy).meanNumber().doubleValue();
        System.out.println("[bn] conv: 36 pixel points, output mean d^2 = " + outVar + ", target = "
                + scale * scale * s2 / (s2 + EPS));
        assertEquals(scale * scale * s2 / (s2 + EPS), outVar, 1e-6);
        assertEquals(u.shape().length, acts.get(2).rank());
    }

    @Test
    void runningStatisticsConvergeToPopulationStatistics() {
        PoincareBall ball = new PoincareBall(C);
        MultiLayerNetwork net = bnNet(InputType.feedForward(Nets.N_IN), 1.0);
        INDArray all = data(3, 1024, Nets.N_IN);
        INDArray points = net.feedForward(all, false).get(1);
        INDArray popMean = ball.weightedMidpoint(points, null);
        INDArray dp = ball.dist(popMean, points);
        double popVar = dp.mul(dp).meanNumber().doubleValue();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 16; b++) {
                net.feedForward(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b * 64, (b + 1) * 64)), true);
            }
        }
        INDArray rm = net.getLayer(1).getParam(PoincareBatchNorm.RUNNING_MEAN);
        double rv = net.getLayer(1).getParam(PoincareBatchNorm.RUNNING_VAR).getDouble(0);
        double meanErr = ball.dist(rm, popMean).getDouble(0);
        System.out.println("[bn] running mean vs population midpoint: d = " + meanErr + "; running var " + rv
                + " vs population " + popVar);
        assertTrue(meanErr < 0.05, "running mean " + meanErr + " away from the population midpoint");
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
        System.out.println("[bn] inference: max |batch of 1 - batch of 64| = " + worst);
        assertTrue(worst < 1e-12, "inference output depends on the batch: " + worst);
        INDArray training = net.output(u, true);
        assertTrue(training.sub(batch).amaxNumber().doubleValue() > 1e-3, "inference uses batch statistics");
    }
}
