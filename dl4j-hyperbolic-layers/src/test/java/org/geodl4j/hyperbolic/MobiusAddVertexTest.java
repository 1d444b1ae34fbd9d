package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MobiusAddVertex} under the {@link PoincareVertexContract}: branches of width 3 and 3, reference the eager
 * {@link PoincareBall#mobiusAdd}; a second input of another width is rejected.
 */
class MobiusAddVertexTest extends PoincareVertexContract {

    @Override
    PoincareVertex vertex(double c, boolean trainable) {
        return new MobiusAddVertex(c, trainable);
    }

    @Override
    int widthB() {
        return 3;
    }

    @Override
    INDArray reference(PoincareBall ball, INDArray ea, INDArray eb) {
        return ball.mobiusAdd(ea, eb);
    }

    @Override
    INDArray wrongShape(INDArray ok) {
        return Nd4j.concat(1, ok, ok);
    }
}
