package org.geodl4j.hyperbolic;

/** {@link GyroLorentzBatchNorm}: the layer contract and the batch-norm statistics ({@link LorentzBatchNormContract}). */
class GyroLorentzBatchNormTest extends LorentzBatchNormContract {

    @Override
    LorentzBatchNormBase.Builder<?> builder() {
        return GyroLorentzBatchNorm.builder();
    }
}
