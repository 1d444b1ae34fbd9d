package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.geodl4j.manifold.Manifold;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Parameter binding for {@code SameDiff.fit}: lets a {@link ParamAwareGradientUpdater} set as
 * {@code TrainingConfig.updater} see each trainable variable's name, live value and manifold.
 *
 * <pre>
 * sd.setTrainingConfig(TrainingConfig.builder().updater(new RiemannianSgd(0.1)).dataSetFeatureMapping("in")
 *         .dataSetLabelMapping("label").build());
 * GeoSameDiff.attach(sd, Map.of("emb", new PoincareBall(1.0)));   // other variables are Euclidean
 * sd.fit(iter, epochs);
 * </pre>
 *
 * <p><b>How.</b> SameDiff makes one {@code GradientUpdater} per trainable variable
 * ({@code setStateViewArray(view, fullShape, order, true)}) and in every step runs
 * {@code TrainingConfig.getRegularization()} on the variable's full-shaped value and gradient right before
 * {@code applyUpdater(gradient)} on the same gradient. {@code attach} appends a {@link ParamTap} to that list; it names
 * the variable by the identity of its array and hands the updater a {@link ParamSlot} spanning the whole gradient.
 *
 * <p><b>Persistence.</b> The tap serialises as a bare {@code {"@class": ...}}: after {@code SameDiff.load} call
 * {@code attach} again (until then the updater fails with an {@link IllegalStateException} naming this call). After
 * {@code sd.setTrainingConfig(...)} with a new configuration call it again too.
 */
public final class GeoSameDiff {

    private GeoSameDiff() {
    }

    /**
     * Appends (or replaces) the parameter tap in {@code sd}'s training configuration; idempotent.
     *
     * @param manifolds manifold per variable name; variables not listed are Euclidean
     * @throws IllegalStateException    if {@code sd} has no training configuration
     * @throws IllegalArgumentException if a key of {@code manifolds} is not a trainable variable of {@code sd}
     */
    public static SameDiff attach(SameDiff sd, Map<String, Manifold> manifolds) {
        Objects.requireNonNull(sd, "sd");
        TrainingConfig tc = sd.getTrainingConfig();
        if (tc == null) {
            throw new IllegalStateException("GeoSameDiff.attach: the SameDiff instance has no TrainingConfig; call "
                    + "sd.setTrainingConfig(...) first");
        }
        for (String name : manifolds.keySet()) {
            SDVariable v = sd.hasVariable(name) ? sd.getVariable(name) : null;
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new IllegalArgumentException("GeoSameDiff.attach: manifold given for \"" + name + "\", which is "
                        + (v == null ? "not a variable" : "a " + v.getVariableType() + ", not a trainable VARIABLE")
                        + " of this SameDiff instance");
            }
        }
        List<Regularization> regs = new ArrayList<>();
        if (tc.getRegularization() != null) {
            for (Regularization r : tc.getRegularization()) {
                if (!(r instanceof ParamTap && ((ParamTap) r).isSameDiffTap())) {
                    regs.add(r);
                }
            }
        }
        regs.add(ParamTap.forSameDiff(new SameDiffSlots(sd, manifolds)));
        tc.setRegularization(regs);
        return sd;
    }
}
