package org.geodl4j.hyperbolic;

/** {@link LorentzBatchNorm}: the layer contract and the batch-norm statistics ({@link LorentzBatchNormContract}). */
class LorentzBatchNormTest extends LorentzBatchNormContract {

    @Override
    LorentzBatchNormBase.Builder<?> builder() {
        return LorentzBatchNorm.builder();
    }
}
