package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * DL4J's network updater reaches {@code applyUpdater} along three paths with different gradient array objects:
 * the internal one (the network's own flattened gradient, {@code UpdaterBlock.update}), the "external" one every
 * ordinary {@code fit} takes (a fresh reshape of the same buffer, {@code updateExternalGradient}), and a truly
 * external gradient in a foreign buffer (gradients computed elsewhere). The update written must be the same on all
 * of them, for the attach binding and for the configuration-level tap.
 */
class BindingUpdatePathsTest {

    private static final double LR = 0.5;
    private static final double TOL = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "configLevel={0}")
    @ValueSource(booleans = {false, true})
    void everyGradientPathWritesTheReferenceUpdate(boolean configLevel) {
        MultiLayerNetwork net = configLevel
                ? BindingFixtures.mln(new BoundBallDenseLayer(4, 3), new ProjectedRsgd(LR), new Sgd(LR))
                : GeoUpdaters.attach(BindingFixtures.mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null));
        DataSet ds = BindingFixtures.data(900);
        Map<String, INDArray> expected = BindingFixtures.expectedStep(net, ds, LR, Set.of("0_W", "0_b"));
        INDArray g = net.gradient().gradient().dup();

        // expected update (DL4J subtracts it): params - expected params, in the flat layout
        INDArray before = net.params().dup();
        expected.forEach((k, v) -> net.paramTable().get(k).assign(v));
        INDArray expectedUpdate = before.sub(net.params());
        net.params().assign(before);

        BaseMultiLayerUpdater<?> updater = (BaseMultiLayerUpdater<?>) net.getUpdater();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        // 1. internal path: the gradient IS the network's flattened gradient view
        INDArray own = updater.getFlattenedGradientsView();
        own.assign(g);
        updater.update(new DefaultGradient(own) {
            @Override
            public INDArray gradient() {
                return own;
            }
        }, 0, 0, BindingFixtures.MB, mgr);
        double internal = own.sub(expectedUpdate).amaxNumber().doubleValue();

        // 2. DL4J's usual "external" path: a fresh reshape of the same buffer
        own.assign(g);
        updater.update(new DefaultGradient(own), 0, 0, BindingFixtures.MB, mgr);
        double usual = own.sub(expectedUpdate).amaxNumber().doubleValue();

        // 3. a gradient in a foreign buffer
        INDArray foreign = g.dup();
        assertNotEquals(own.data().address(), foreign.data().address());
        updater.update(new DefaultGradient(foreign), 0, 0, BindingFixtures.MB, mgr);
        double external = foreign.sub(expectedUpdate).amaxNumber().doubleValue();

        assertTrue(internal <= TOL && usual <= TOL && external <= TOL,
                "update - reference: internal " + internal + ", usual " + usual + ", foreign " + external);
        assertEquals(before, net.params(), "computing updates must not move the parameters");
    }
}
