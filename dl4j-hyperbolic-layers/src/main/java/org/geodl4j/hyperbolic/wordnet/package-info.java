/**
 * WordNet data and the Poincaré-embedding reconstruction experiment (Nickel &amp; Kiela, NeurIPS 2017):
 * {@link org.geodl4j.hyperbolic.wordnet.WordNetClosure} (shipped mammal closure, TSV files, WordNet 3.0
 * {@code data.noun} parser), {@link org.geodl4j.hyperbolic.wordnet.NegativeSampler},
 * {@link org.geodl4j.hyperbolic.wordnet.ReconstructionEvaluation} (mean rank and mAP in gensim's and Nickel &amp;
 * Kiela's conventions), the fast {@link org.geodl4j.hyperbolic.wordnet.PoincareEmbeddingTrainer} and the
 * {@link org.geodl4j.hyperbolic.wordnet.WordNetReconstructionExperiment} runner, and
 * {@link org.geodl4j.hyperbolic.wordnet.ClosureDataSets} (epochs of a closure as DataSets for the generic DL4J path,
 * {@code HyperbolicEmbedding} + {@code PoincareEmbeddingLoss}).
 */
package org.geodl4j.hyperbolic.wordnet;
