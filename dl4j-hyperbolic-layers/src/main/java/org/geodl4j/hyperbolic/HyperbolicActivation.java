package org.geodl4j.hyperbolic;

import java.util.Objects;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A DL4J activation applied in the tangent space at the origin of the Poincaré ball or the Lorentz model (Ganea,
 * Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018, Eq. 26, the "Möbius version" of a pointwise
 * non-linearity; HNN++, HyperbolicCV use the same bridge):
 * <pre>  y = exp_0( phi( log_0(x) ) )        (Lorentz: log_0 gives the n space coordinates, exp_0 restores n + 1)</pre>
 * Input and output are points of the chosen space ({@link PointSpace#POINCARE} or {@link PointSpace#LORENTZ}), same
 * width; parameter-free except an optional trainable curvature.
 *
 * <p>The activation is a DL4J {@link IActivation} (serialised with the configuration). It is evaluated inside the
 * layer's SameDiff graph, so it must have a SameDiff form: identity, ReLU (optional max and negative slope; not the
 * threshold variant), leaky ReLU (any alpha), ELU (any alpha), SELU, tanh, sigmoid, hard tanh, hard sigmoid, softplus,
 * softsign, ReLU6, cube, swish, GELU, Mish and rectified tanh. Others (PReLU has parameters, RReLU is random,
 * user-defined activations, ...) are rejected by {@code build()} with a message naming the layer and the class.
 */
public class HyperbolicActivation extends PointwiseHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private PointSpace space = PointSpace.POINCARE;
    private IActivation activationFn = new ActivationIdentity();

    private HyperbolicActivation() {
    }

    private HyperbolicActivation(Builder b) {
        super(b);
        this.space = Objects.requireNonNull(b.space, describe() + ": space");
        this.activationFn = Objects.requireNonNull(b.activationFn, describe() + ": activation");
        if (space == PointSpace.EUCLIDEAN) {
            throw new IllegalArgumentException(describe() + ": space must be POINCARE or LORENTZ, got EUCLIDEAN (use a"
                    + " DL4J ActivationLayer for Euclidean features)");
        }
        checkSupported(activationFn, describe());
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        if (space == PointSpace.LORENTZ) {
            return Lorentz.expmap0(activate(activationFn, Lorentz.logmap0(x, c)), c);
        }
        return PoincareBall.expmap0(activate(activationFn, PoincareBall.logmap0(x, c)), c);
    }

    @Override
    protected PointSpace inputSpace() {
        return space;
    }

    @Override
    protected PointSpace outputSpace() {
        return space;
    }

    /** Throws unless {@code fn} has a SameDiff form here. */
    static void checkSupported(IActivation fn, String who) {
        SameDiff sd = SameDiff.create();
        try {
            activate(fn, sd.placeHolder("probe", org.nd4j.linalg.api.buffer.DataType.FLOAT, -1, 2));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(who + ": " + e.getMessage(), e);
        }
    }

    /** {@code fn} as SameDiff ops on {@code u}. */
    static SDVariable activate(IActivation fn, SDVariable u) {
        SameDiff sd = u.getSameDiff();
        if (fn instanceof ActivationIdentity) {
            return u;
        }
        if (fn instanceof ActivationReLU) {
            ActivationReLU r = (ActivationReLU) fn;
            if (r.getThreshold() != null && r.getThreshold() != 0.0) {
                throw new UnsupportedOperationException("ActivationReLU with a threshold has no SameDiff form here");
            }
            double ns = r.getNegativeSlope() == null ? 0.0 : r.getNegativeSlope();
            SDVariable y = leaky(u, ns);
            return r.getMax() == null ? y : sd.math.min(y, sd.constant(scalar(u, r.getMax())));
        }
        if (fn instanceof ActivationLReLU) {
            return leaky(u, ((ActivationLReLU) fn).getAlpha());
        }
        if (fn instanceof ActivationELU) {
            return elu(u, ((ActivationELU) fn).getAlpha());
        }
        if (fn instanceof ActivationSELU) {
            return elu(u, 1.6732632423543772848170429916717).mul(1.0507009873554804934193349852946);
        }
        if (fn instanceof ActivationTanH) {
            return sd.math.tanh(u);
        }
        if (fn instanceof ActivationSigmoid) {
            return sd.nn.sigmoid(u);
        }
        if (fn instanceof ActivationHardTanH) {
            return sd.math.clipByValue(u, -1.0, 1.0);
        }
        if (fn instanceof ActivationHardSigmoid) {
            return sd.math.clipByValue(u.mul(0.2).add(0.5), 0.0, 1.0);
        }
        if (fn instanceof ActivationSoftPlus) {
            return sd.nn.softplus(u);
        }
        if (fn instanceof ActivationSoftSign) {
            return u.mul(sd.math.abs(u).add(1.0).rdiv(1.0));
        }
        if (fn instanceof ActivationReLU6) {
            return sd.math.clipByValue(u, 0.0, 6.0);
        }
        if (fn instanceof ActivationCube) {
            return u.mul(u).mul(u);
        }
        if (fn instanceof ActivationSwish) {
            return u.mul(sd.nn.sigmoid(u));
        }
        if (fn instanceof ActivationGELU) {
            return Activation.GELU.asSameDiff(sd, u);
        }
        if (fn instanceof ActivationMish) {
            return u.mul(sd.math.tanh(sd.nn.softplus(u)));
        }
        if (fn instanceof ActivationRectifiedTanh) {
            return leaky(sd.math.tanh(u), 0.0);
        }
        throw new UnsupportedOperationException("activation " + fn.getClass().getName() + " (" + fn + ") has no"
                + " SameDiff form; supported: identity, ReLU, leaky ReLU, ELU, SELU, tanh, sigmoid, hard tanh, hard"
                + " sigmoid, softplus, softsign, ReLU6, cube, swish, GELU, Mish, rectified tanh");
    }

    /** {@code max(u, 0) + slope min(u, 0)} (SameDiff's leakyRelu ignores a zero slope in ND4J 1.0.0-M2.1). */
    private static SDVariable leaky(SDVariable u, double slope) {
        SameDiff sd = u.getSameDiff();
        SDVariable zero = sd.constant(scalar(u, 0.0));
        SDVariable pos = sd.math.max(u, zero);
        return slope == 0.0 ? pos : pos.add(sd.math.min(u, zero).mul(slope));
    }

    /** {@code max(u, 0) + alpha (exp(min(u, 0)) - 1)}. */
    private static SDVariable elu(SDVariable u, double alpha) {
        SameDiff sd = u.getSameDiff();
        SDVariable zero = sd.constant(scalar(u, 0.0));
        return sd.math.max(u, zero).add(sd.math.expm1(sd.math.min(u, zero)).mul(alpha));
    }

    private static org.nd4j.linalg.api.ndarray.INDArray scalar(SDVariable u, double v) {
        return org.nd4j.linalg.factory.Nd4j.scalar(u.dataType(), v);
    }

    /** The space of input and output points. */
    public PointSpace getSpace() {
        return space;
    }

    /** For Jackson. */
    public void setSpace(PointSpace space) {
        this.space = space;
    }

    /** The activation applied in the tangent space at the origin. */
    public IActivation getActivationFn() {
        return activationFn;
    }

    /** For Jackson. */
    public void setActivationFn(IActivation activationFn) {
        this.activationFn = activationFn;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        HyperbolicActivation h = (HyperbolicActivation) o;
        return space == h.space && activationFn.equals(h.activationFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), space, activationFn);
    }

    /** A builder (Poincaré ball, identity, curvature 1 fixed by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link HyperbolicActivation}. */
    public static final class Builder extends PointwiseHyperbolicLayer.Builder<Builder> {
        private PointSpace space = PointSpace.POINCARE;
        private IActivation activationFn = new ActivationIdentity();

        /** {@link PointSpace#POINCARE} (default) or {@link PointSpace#LORENTZ}. */
        public Builder space(PointSpace space) {
            this.space = space;
            return this;
        }

        /** Any supported DL4J activation function (see the class notes), e.g. {@code new ActivationELU(0.5)}. */
        public Builder activation(IActivation activation) {
            this.activationFn = activation;
            return this;
        }

        /** A DL4J activation by name, e.g. {@code Activation.TANH}. */
        public Builder activation(Activation activation) {
            this.activationFn = activation.getActivationFunction();
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HyperbolicActivation build() {
            return new HyperbolicActivation(this);
        }
    }
}
