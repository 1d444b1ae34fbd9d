#!/usr/bin/env python3
"""Peer comparison: gensim's PoincareModel on a child<TAB>ancestor closure (default: geodl4j's shipped mammal closure).

Trains with the given epochs / negatives / batch size / dimension, then prints gensim's own
ReconstructionEvaluation (mean rank, mAP: the gensim convention, the node itself counts among the negatives) and the
wall-clock seconds per epoch (burn-in epochs included, timed separately). Optionally also evaluates an embedding
written by geodl4j (--eval-embedding), so both libraries' numbers come from the same evaluation code.

Usage (Debian: apt-get install python3-gensim; run with /usr/bin/python3):
  /usr/bin/python3 benchmarks/peers/gensim_poincare.py --epochs 50 --negatives 10 --batch 10 --dim 10
"""
import argparse
import csv
import json
import logging
import os
import sys
import time

import numpy as np
from gensim.models.poincare import PoincareModel, PoincareRelations, ReconstructionEvaluation, PoincareKeyedVectors

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TSV = os.path.join(HERE, '..', '..', 'dl4j-hyperbolic-layers', 'src', 'main', 'resources', 'org', 'geodl4j',
                           'hyperbolic', 'wordnet', 'mammal_closure.tsv')


def _ranks_and_avg_prec(all_distances, positive_relations):
    """gensim 4.2's ReconstructionEvaluation.get_positive_relation_ranks_and_avg_prec with a plain boolean mask.

    The original builds np.ma.array(all_distances, mask=False) and compares it against a column of positive
    distances; with Debian bookworm's numpy 1.24 the mask does not broadcast and .sum(axis=1) raises AxisError.
    Same arithmetic: the negatives are every node except the positives (the node itself included), strict '<',
    rank = 1 + count, AP = mean(k / (sorted(ranks) + k - 1)).
    """
    positive_relation_distances = all_distances[positive_relations]
    negative = np.ones(len(all_distances), dtype=bool)
    negative[positive_relations] = False
    negative_relation_distances = all_distances[negative]
    ranks = (negative_relation_distances[np.newaxis, :] < positive_relation_distances[:, np.newaxis]).sum(axis=1) + 1
    map_ranks = np.sort(ranks) + np.arange(len(ranks))
    avg_precision = ((np.arange(1, len(map_ranks) + 1) / np.sort(map_ranks)).mean())
    return list(ranks), avg_precision


ReconstructionEvaluation.get_positive_relation_ranks_and_avg_prec = staticmethod(_ranks_and_avg_prec)


def evaluate_external(tsv, path):
    """Loads 'name v1 ... vd' lines (word2vec text without header) and runs gensim's ReconstructionEvaluation."""
    names, rows = [], []
    with open(path) as f:
        for line in f:
            parts = line.rstrip('\n').split(' ')
            names.append(parts[0])
            rows.append([float(x) for x in parts[1:]])
    kv = PoincareKeyedVectors(len(rows[0]), len(rows), dtype=np.float64)
    for name, row in zip(names, rows):
        kv.add_vector(name, np.array(row, dtype=np.float64))
    return ReconstructionEvaluation(tsv, kv).evaluate()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--tsv', default=DEFAULT_TSV)
    p.add_argument('--epochs', type=int, default=50)
    p.add_argument('--negatives', type=int, default=10)
    p.add_argument('--batch', type=int, default=10)
    p.add_argument('--dim', type=int, default=10)
    p.add_argument('--alpha', type=float, default=0.1, help='learning rate (gensim default 0.1)')
    p.add_argument('--burn-in', type=int, default=10, help='burn-in epochs (gensim default 10)')
    p.add_argument('--burn-in-alpha', type=float, default=0.01, help='burn-in learning rate (gensim default 0.01)')
    p.add_argument('--regularization', type=float, default=1.0, help='gensim regularization_coeff (default 1.0)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--eval-embedding', help='also evaluate this geodl4j embedding file with gensim')
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)

    relations = PoincareRelations(args.tsv, delimiter='\t')
    model = PoincareModel(relations, size=args.dim, negative=args.negatives, alpha=args.alpha,
                          burn_in=args.burn_in, burn_in_alpha=args.burn_in_alpha,
                          regularization_coeff=args.regularization, seed=args.seed)
    burn_seconds = 0.0
    if args.burn_in > 0:
        # PoincareModel.train runs the burn-in first; time it on its own with zero regular epochs
        t0 = time.perf_counter()
        model.train(epochs=0, batch_size=args.batch, print_every=10 ** 9)
        burn_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.train(epochs=args.epochs, batch_size=args.batch, print_every=10 ** 9)
    train_seconds = time.perf_counter() - t0
    ev = ReconstructionEvaluation(args.tsv, model.kv).evaluate()
    total_epochs = args.epochs + args.burn_in
    out = {
        'library': 'gensim', 'version': __import__('gensim').__version__, 'tsv': os.path.basename(args.tsv),
        'dim': args.dim, 'negatives': args.negatives, 'batch': args.batch, 'epochs': args.epochs,
        'burn_in': args.burn_in, 'alpha': args.alpha, 'burn_in_alpha': args.burn_in_alpha,
        'regularization': args.regularization,
        'mean_rank': ev['mean_rank'], 'map': ev['MAP'],
        'seconds_per_epoch': (burn_seconds + train_seconds) / total_epochs,
        'seconds_per_epoch_after_burn_in': train_seconds / max(args.epochs, 1),
    }
    print(json.dumps(out))
    if args.eval_embedding:
        ext = evaluate_external(args.tsv, args.eval_embedding)
        print(json.dumps({'evaluated': args.eval_embedding, 'mean_rank': ext['mean_rank'], 'map': ext['MAP']}))


if __name__ == '__main__':
    sys.exit(main())
