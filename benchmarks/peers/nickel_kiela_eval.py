#!/usr/bin/env python3
"""Reconstruction mean rank / mAP of an embedding file in Nickel & Kiela's convention (the node itself excluded).

Re-implements facebookresearch/poincare-embeddings hype/graph.py reconstruction_worker in NumPy: distances from
each node with at least one ancestor (its own set to 1e12), rank = 1 + non-ancestors sorted before the ancestor,
AP = scikit-learn's average_precision_score(labels, -distances) (re-implemented below: scikit-learn is not
installed here; thresholds at distinct scores, AP = sum (R_n - R_{n-1}) P_n). Poincaré distance, unit ball.

Usage: /usr/bin/python3 benchmarks/peers/nickel_kiela_eval.py EMBEDDING.txt [CLOSURE.tsv]
EMBEDDING.txt: 'name v1 ... vd' lines, as written by WordNetReconstructionExperiment --write-embeddings.
"""
import os
import sys
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TSV = os.path.join(HERE, '..', '..', 'dl4j-hyperbolic-layers', 'src', 'main', 'resources', 'org', 'geodl4j',
                           'hyperbolic', 'wordnet', 'mammal_closure.tsv')


def average_precision_score(y, score):
    """scikit-learn semantics: thresholds at distinct scores, descending; AP = sum (R_n - R_{n-1}) P_n."""
    order = np.argsort(-score, kind='mergesort')
    y = y[order]
    s = score[order]
    ends = np.r_[np.where(np.diff(s))[0], len(y) - 1]
    tps = np.cumsum(y)[ends]
    fps = (1 + ends) - tps
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return np.sum(np.diff(np.r_[0, recall]) * precision)


def main():
    emb_path = sys.argv[1]
    tsv = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_TSV
    emb = {}
    with open(emb_path) as f:
        for line in f:
            p = line.split()
            emb[p[0]] = np.array([float(x) for x in p[1:]])
    names = list(emb)
    idx = {n: i for i, n in enumerate(names)}
    x = np.stack([emb[n] for n in names])
    adj = defaultdict(set)
    with open(tsv) as f:
        for line in f:
            child, ancestor = line.split()
            adj[idx[child]].add(idx[ancestor])
    sq = (x ** 2).sum(1)
    ranksum = nranks = ap = iters = 0
    for o, neighbors in adj.items():
        d2 = ((x - x[o]) ** 2).sum(1)
        dists = np.arccosh(1 + 2 * d2 / ((1 - sq) * (1 - sq[o])))
        dists[o] = 1e12
        order = np.argsort(dists)
        ranks, = np.where(np.in1d(order, np.array(list(neighbors))))
        ranks += 1
        n = len(ranks)
        ranksum += ranks.sum() - n * (n - 1) / 2
        nranks += n
        labels = np.zeros(len(x))
        labels[list(neighbors)] = 1
        ap += average_precision_score(labels, -dists)
        iters += 1
    print({'mean_rank': ranksum / nranks, 'map': ap / iters})


if __name__ == '__main__':
    main()
