package org.geodl4j.updater;

import java.util.List;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** One configuration of every updater and every preset, with non-default hyper-parameters where it matters. */
final class AllUpdaters {

    private AllUpdaters() {
    }

    static List<GeoUpdaterConfig> all() {
        return List.of(
                new RiemannianSgd(0.05),
                RiemannianSgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3).build(),
                RiemannianSgd.builder().learningRate(0.05).momentum(0.8).dampening(0.1).stabilize(3).exact(false)
                        .build(),
                new RiemannianAdam(0.01),
                RiemannianAdam.builder().learningRate(0.01).amsgrad(true).weightDecay(1e-3)
                        .epsilonConvention(EpsilonConvention.PYTORCH).build(),
                RiemannianAdam.builder().learningRateSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 0.01,
                        0.99)).build(),
                new Muon(0.02),
                Muon.builder().learningRate(0.01).weightDecay(0.01).scale(MuonScale.MOONLIGHT).nsSteps(4)
                        .adamwLearningRate(0.01).adamwWeightDecay(0.1).adamwParams(List.of("out", "dense0/b"))
                        .build(),
                Rlo.rlo().toBuilder().learningRate(1e-3).weightDecay(0.1).build(),
                Rlo.lambda().toBuilder().learningRate(1e-3).build(),
                Rlo.lifted().toBuilder().learningRate(1e-3).build(),
                Rlo.sgdMomentum(0.05, 0.9, true),
                Rlo.adam(0.01, 0.9, 0.999, 1e-8),
                Rlo.lion(1e-3, 0.9, 0.99, 0.1));
    }
}
