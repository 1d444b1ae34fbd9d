package org.geodl4j.manifold;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Seeded float64 samples on the hyperboloid for the Lorentz tests, built from closed forms (not from the code under
 * test): a point at distance {@code r} from the origin in direction {@code e} is
 * {@code (cosh(sqrt(c) r)/sqrt(c), sinh(sqrt(c) r) e/sqrt(c))}.
 */
final class LorentzSamples {

    private LorentzSamples() {
    }

    /** Standard normal {@code [rows, cols]} in float64. */
    static INDArray gaussian(long seed, long rows, long cols) {
        return rng(seed).nextGaussian(new long[] {rows, cols}).castTo(DataType.DOUBLE);
    }

    /** Uniform on [0, 1), {@code [rows, 1]} in float64. */
    static INDArray uniform(long seed, long rows) {
        return rng(seed).nextDouble(new long[] {rows, 1}).castTo(DataType.DOUBLE);
    }

    /** {@code [rows, 1]} values log-uniform on {@code [lo, hi]}. */
    static INDArray logUniform(long seed, long rows, double lo, double hi) {
        return Transforms.exp(uniform(seed, rows).muli(Math.log(hi / lo)).addi(Math.log(lo)), false);
    }

    /** Unit directions {@code [rows, n]}. */
    static INDArray directions(long seed, long rows, long n) {
        INDArray g = gaussian(seed, rows, n);
        return g.diviColumnVector(g.norm2(1));
    }

    /** Points {@code [rows, n+1]} at the given distances {@code [rows, 1]} from the origin, random directions. */
    static INDArray pointsAtDistances(double c, long seed, INDArray radii, long n) {
        double sc = Math.sqrt(c);
        INDArray theta = radii.mul(sc);
        INDArray x0 = Transforms.cosh(theta, true).divi(sc);
        INDArray xs = directions(seed, radii.rows(), n).muliColumnVector(Transforms.sinh(theta, true).divi(sc));
        return Nd4j.hstack(x0, xs);
    }

    /** Points with distances from the origin uniform on {@code [0, maxDist]}. */
    static INDArray points(double c, long seed, long rows, long n, double maxDist) {
        return pointsAtDistances(c, seed, uniform(seed + 7919, rows).muli(maxDist), n);
    }

    /**
     * Tangent vectors at {@code x} with Minkowski norms {@code norms [rows, 1]}: random directions {@code w} at the
     * origin carried to {@code x} by parallel transport, {@code w + [c<x_s,w_s>/(1 + sqrt(c) x_0)] (o + x)}, which has
     * no cancellation even far from the origin (projecting a random vector would lose all digits there).
     */
    static INDArray tangentsWithNorms(double c, INDArray x, long seed, INDArray norms) {
        double sc = Math.sqrt(c);
        INDArray ws = directions(seed, x.rows(), x.columns() - 1).muliColumnVector(norms);
        INDArray xs = x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, x.columns()));
        INDArray x0 = x.getColumn(0, true);
        INDArray coef = xs.mul(ws).sum(true, 1).muli(c).divi(x0.mul(sc).addi(1.0));
        INDArray shifted = x.dup();
        shifted.getColumn(0).addi(1 / sc);
        return Nd4j.hstack(Nd4j.zeros(x.dataType(), x.rows(), 1), ws).addi(shifted.muliColumnVector(coef));
    }

    /** Minkowski products of rows, {@code [rows, 1]}, written out independently of {@code Lorentz}. */
    static INDArray minkowski(INDArray x, INDArray y) {
        INDArray p = x.mul(y);
        INDArray t = p.getColumn(0, true);
        return p.sum(true, 1).subi(t.mul(2.0));
    }

    /** Max over rows of the absolute value. */
    static double maxAbs(INDArray a) {
        return Transforms.abs(a, true).maxNumber().doubleValue();
    }

    private static Random rng(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }
}
