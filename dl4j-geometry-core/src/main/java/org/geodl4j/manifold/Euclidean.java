package org.geodl4j.manifold;

import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Flat space R^n with the standard inner product: every verb is the familiar vector operation
 * ({@code expmap(x, u) = x + u}, {@code transp = id}, {@code egrad2rgrad = id}). It is the manifold of every ordinary
 * weight, so a Riemannian optimiser reduces to its Euclidean original on it (e.g. Riemannian Adam ≡ Adam).
 *
 * <p>{@link #componentInner} is elementwise ({@code u * u}), which is what makes Riemannian Adam per-coordinate here.
 * {@link #pointRank()} is 1 (points along the last axis), but every verb except the per-point reductions is
 * elementwise and therefore correct for parameters of any shape.
 */
public final class Euclidean implements Manifold {

    private static final long serialVersionUID = 1L;

    /** The single instance (the manifold has no parameters). */
    public static final Euclidean INSTANCE = new Euclidean();

    /** Prefer {@link #INSTANCE}; public for Jackson/serialisation. */
    public Euclidean() {
    }

    @Override
    public String name() {
        return "Euclidean";
    }

    @Override
    public INDArray projx(INDArray x) {
        return x.dup();
    }

    @Override
    public INDArray proju(INDArray x, INDArray u) {
        return u.dup();
    }

    @Override
    public INDArray egrad2rgrad(INDArray x, INDArray g) {
        return g.dup();
    }

    @Override
    public INDArray inner(INDArray x, INDArray u, INDArray v) {
        return SafeMath.dot(u, v);
    }

    @Override
    public INDArray norm(INDArray x, INDArray u) {
        return u.norm2(true, -1);
    }

    @Override
    public INDArray componentInner(INDArray x, INDArray u) {
        return u.mul(u);
    }

    @Override
    public INDArray expmap(INDArray x, INDArray u) {
        return x.add(u);
    }

    @Override
    public INDArray logmap(INDArray x, INDArray y) {
        return y.sub(x);
    }

    @Override
    public INDArray transp(INDArray x, INDArray y, INDArray v) {
        return v.dup();
    }

    @Override
    public INDArray dist(INDArray x, INDArray y) {
        return y.sub(x).norm2(true, -1);
    }

    @Override
    public INDArray origin(DataType dataType, long... shape) {
        return Nd4j.zeros(dataType, shape);
    }

    /** Standard normal coordinates. */
    @Override
    public INDArray randomPoint(long seed, DataType dataType, long... shape) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(shape).castTo(dataType);
    }

    @Override
    public Optional<String> checkPoint(INDArray x, double atol) {
        if (x.isEmpty()) {
            return Optional.empty();
        }
        // (max-reductions skip NaN in ND4J, so test the elements directly)
        if (BooleanIndexing.or(x, Conditions.notFinite())) {
            return Optional.of("it contains NaN or infinite values");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Euclidean;
    }

    @Override
    public int hashCode() {
        return Euclidean.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
