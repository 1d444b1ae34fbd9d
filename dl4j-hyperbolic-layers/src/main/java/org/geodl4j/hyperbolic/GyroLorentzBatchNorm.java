package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Gyro Lorentz batch normalisation, GyroLBN (Shi, Chen, Jiang &amp; Sebe, "ILNN", ICLR 2026, arXiv 2602.23981; code
 * ILNN {@code GyroBNH}): re-centre and rescale with the gyrovector operations of the Lorentz model,
 * <pre>
 *   y_i = mu ⊕_L ( f ⊗_L ( (⊖m) ⊕_L x_i ) ),    f = scale / sqrt(s2 + eps)
 * </pre>
 * ({@link Lorentz#gyroAdd}, {@link Lorentz#gyroNeg}, {@link Lorentz#gyroScalarMul}) with the statistics and running
 * statistics of {@link LorentzBatchNormBase}. Since left gyro-translations are isometries and
 * {@code d(o, f ⊗ z) = |f| d(o, z)}, {@code d(y_i, mu) = f d(x_i, m)} exactly: in training mode the outputs' mean
 * squared distance to {@code mu} is {@code scale^2 s2/(s2 + eps)}.
 *
 * <p>Convention: ILNN keeps the bias as a tangent vector {@code w} at the origin ({@code mu = exp_o(w)}) and a
 * {@code shift} parameter (init 0.5, clamped to [-2.5, 2]) divided by {@code sqrt(σ + 1e-6)} with σ the mean
 * distance; here {@code mu} is a hyperboloid point and the scale a standard deviation (init 1, unclamped), as in
 * {@link LorentzBatchNorm}, so both Lorentz batch norms share parameters, statistics and guarantees.
 */
public class GyroLorentzBatchNorm extends LorentzBatchNormBase {

    private static final long serialVersionUID = 1L;

    private GyroLorentzBatchNorm() {
    }

    private GyroLorentzBatchNorm(Builder b) {
        super(b);
    }

    @Override
    protected SDVariable normalize(SDVariable x, SDVariable m, SDVariable mu, SDVariable f, SDVariable c) {
        SDVariable centred = Lorentz.gyroAdd(Lorentz.gyroNeg(m), x, c);
        return Lorentz.gyroAdd(mu, Lorentz.gyroScalarMul(f, centred, c), c);
    }

    /** A builder (momentum 0.1, eps 1e-5, curvature 1 fixed by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link GyroLorentzBatchNorm}. */
    public static final class Builder extends LorentzBatchNormBase.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public GyroLorentzBatchNorm build() {
            return new GyroLorentzBatchNorm(this);
        }
    }
}
