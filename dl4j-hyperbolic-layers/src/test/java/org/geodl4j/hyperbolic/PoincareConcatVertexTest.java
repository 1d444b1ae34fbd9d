package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link PoincareConcatVertex} under the {@link PoincareVertexContract}: branches of width 3 and 2 concatenated to 5,
 * reference the β-concatenation computed from closed-form beta values; plus the beta-function ratio itself. A second
 * input with another minibatch size is rejected.
 */
class PoincareConcatVertexTest extends PoincareVertexContract {

    /** B(5/2, 1/2) = Γ(5/2)Γ(1/2)/Γ(3) = 3π/8; B(3/2, 1/2) = π/2; B(1, 1/2) = 2. */
    private static final double B5 = 3 * Math.PI / 8;

    @Override
    PoincareVertex vertex(double c, boolean trainable) {
        return new PoincareConcatVertex(c, trainable);
    }

    @Override
    int widthB() {
        return 2;
    }

    @Override
    INDArray reference(PoincareBall ball, INDArray ea, INDArray eb) {
        INDArray u = Nd4j.concat(1, ball.logmap0(ea).muli(B5 / (Math.PI / 2)), ball.logmap0(eb).muli(B5 / 2));
        return ball.expmap0(u);
    }

    @Override
    INDArray wrongShape(INDArray ok) {
        return Nd4j.concat(0, ok, ok);
    }

    @Test
    void betaRatioMatchesClosedForms() {
        assertEquals(B5 / (Math.PI / 2), PoincareConcatVertex.betaRatio(5, 3), 1e-15);
        assertEquals(B5 / 2, PoincareConcatVertex.betaRatio(5, 2), 1e-15);
        assertEquals(1.0, PoincareConcatVertex.betaRatio(7, 7), 1e-15);
    }
}
