package org.geodl4j.hyperbolic.wordnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transitive closure of a hierarchy (WordNet's noun hypernymy): nodes indexed {@code 0..n-1}, the edge list
 * {@code child -> ancestor} (one edge per pair, every ancestor of every node), and per node its sorted ancestor set.
 * This is the training and evaluation data of Poincaré embeddings (Nickel &amp; Kiela, "Poincaré Embeddings for
 * Learning Hierarchical Representations", NeurIPS 2017, §4.1 "Embedding Taxonomies").
 *
 * <p><b>Sources.</b>
 * <ul>
 *   <li>{@link #mammals()}: the shipped closure under {@code mammal.n.01} (6,542 edges over 1,182 synsets; Nickel
 *       &amp; Kiela report 6,540 / 1,180 for their build), derived from WordNet 3.0, © 2006 Princeton University,
 *       WordNet 3.0 licence in {@code WORDNET-LICENSE.txt} next to it.</li>
 *   <li>{@link #fromTsv(Path)}: a user file, one {@code child<TAB>ancestor} line per edge (the format of gensim's
 *       {@code PoincareModel} input and of Nickel &amp; Kiela's {@code noun_closure.tsv}). The file is taken as given:
 *       it should already be transitively closed (it is not closed again).</li>
 *   <li>{@link #fromWordNet(Path, Path)}: a WordNet 3.0 {@code data.noun} (and optionally {@code index.noun}) file,
 *       closed over the hypernym ({@code @}) and instance hypernym ({@code @i}) pointers; {@link #subtree(String)}
 *       then cuts out e.g. the mammal closure.</li>
 * </ul>
 *
 * <p><b>Node order.</b> Nodes are indexed in order of first appearance in the edge list, child before ancestor on each
 * line, as gensim's {@code PoincareModel} builds its vocabulary; for a {@code data.noun} closure the edge list is
 * ordered by child synset offset, then ancestor name.
 *
 * <p><b>Convention.</b> The relation is directed: {@code ancestors(u)} are the hypernyms of {@code u} (transitively);
 * a node is never its own ancestor (no self loops, as in Nickel &amp; Kiela's {@code transitive_closure.py}).
 */
public final class WordNetClosure {

    /** Classpath resource of the shipped mammal closure. */
    public static final String MAMMAL_RESOURCE = "/org/geodl4j/hyperbolic/wordnet/mammal_closure.tsv";

    private final String source;
    private final List<String> names;
    private final Map<String, Integer> index;
    private final int[] edgeChild;
    private final int[] edgeAncestor;
    private final int[][] ancestors;
    private final int[] degree;

    private WordNetClosure(String source, List<String> names, Map<String, Integer> index, int[] edgeChild,
            int[] edgeAncestor) {
        this.source = source;
        this.names = Collections.unmodifiableList(names);
        this.index = index;
        this.edgeChild = edgeChild;
        this.edgeAncestor = edgeAncestor;
        int n = names.size();
        int[] outDegree = new int[n];
        this.degree = new int[n];
        for (int e = 0; e < edgeChild.length; e++) {
            outDegree[edgeChild[e]]++;
            degree[edgeChild[e]]++;
            degree[edgeAncestor[e]]++;
        }
        this.ancestors = new int[n][];
        for (int i = 0; i < n; i++) {
            ancestors[i] = new int[outDegree[i]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < edgeChild.length; e++) {
            ancestors[edgeChild[e]][fill[edgeChild[e]]++] = edgeAncestor[e];
        }
        for (int i = 0; i < n; i++) {
            Arrays.sort(ancestors[i]);
        }
    }

    // ================================================================ factories

    /**
     * The shipped WordNet 3.0 mammal closure: every {@code child -> ancestor} pair of the noun hypernym closure (over
     * {@code @} and {@code @i}) with both ends in {@code mammal.n.01} or below it; 6,542 edges over 1,182 synsets.
     */
    public static WordNetClosure mammals() {
        try (InputStream in = WordNetClosure.class.getResourceAsStream(MAMMAL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("WordNetClosure.mammals: classpath resource " + MAMMAL_RESOURCE
                        + " is missing from the dl4j-hyperbolic-layers jar");
            }
            return fromTsv(new InputStreamReader(in, StandardCharsets.UTF_8), "mammal_closure.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException("WordNetClosure.mammals: cannot read " + MAMMAL_RESOURCE, e);
        }
    }

    /** Loads a {@code child<TAB>ancestor} TSV file (UTF-8); see {@link #fromTsv(Reader, String)}. */
    public static WordNetClosure fromTsv(Path tsv) throws IOException {
        try (Reader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return fromTsv(r, tsv.toString());
        }
    }

    /**
     * Reads one {@code child<TAB>ancestor} edge per line. Blank lines are skipped; duplicate edges are kept once.
     *
     * @param source name of the input, for error messages and {@link #source()}
     * @throws IllegalArgumentException on a line without exactly two tab-separated non-empty fields, or a self loop
     */
    public static WordNetClosure fromTsv(Reader reader, String source) throws IOException {
        EdgeListBuilder b = new EdgeListBuilder(source);
        BufferedReader br = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 2 || f[0].isEmpty() || f[1].isEmpty()) {
                throw new IllegalArgumentException("WordNetClosure: " + source + " line " + lineNo
                        + ": expected 'child<TAB>ancestor' but got '" + line + "'");
            }
            if (f[0].equals(f[1])) {
                throw new IllegalArgumentException("WordNetClosure: " + source + " line " + lineNo
                        + ": self loop '" + f[0] + "' (a node is never its own ancestor)");
            }
            b.add(f[0], f[1]);
        }
        return b.build();
    }

    /**
     * The full noun closure of a WordNet 3.0 installation: {@code data.noun} and, when present, {@code index.noun}
     * in {@code wordnetDir} (e.g. {@code /usr/share/wordnet} from Debian's {@code wordnet-base}).
     */
    public static WordNetClosure fromWordNetDirectory(Path wordnetDir) throws IOException {
        Path index = wordnetDir.resolve("index.noun");
        return fromWordNet(wordnetDir.resolve("data.noun"), Files.exists(index) ? index : null);
    }

    /**
     * Parses a WordNet 3.0 {@code data.noun} file (format: WordNet {@code wndb(5)}) and returns the transitive closure
     * of its hypernym ({@code @}) and instance hypernym ({@code @i}) pointers: an edge {@code s -> a} for every synset
     * {@code a} reachable from {@code s} by one or more such pointers.
     *
     * <p><b>Names.</b> A synset is named {@code lemma.n.NN} after its first lemma, lower-cased, with {@code NN} its
     * sense number: the 1-based position of the synset's offset in that lemma's {@code index.noun} entry (the NLTK
     * convention, used by Nickel &amp; Kiela's and gensim's data). Without {@code index.noun} ({@code indexNoun ==
     * null}) the sense number is the position among the {@code data.noun} synsets containing that lemma in file
     * (offset) order; those names can then differ from NLTK's, whose order is by tagged frequency.
     *
     * <p><b>Convention.</b> Nickel &amp; Kiela's {@code transitive_closure.py} (through NLTK) follows {@code @i} from
     * the instance itself and {@code @} above it; here both pointer kinds are followed at every level. On WordNet
     * 3.0 ({@code /usr/share/wordnet/data.noun} of Debian's {@code wordnet-base}) this gives exactly the 743,241
     * edges over 82,115 synsets that Nickel &amp; Kiela report, and its {@code subtree("mammal.n.01")} is line for line
     * the shipped mammal closure (6,542 edges over 1,182 synsets).
     *
     * @param dataNoun  the {@code data.noun} file
     * @param indexNoun the {@code index.noun} file, or {@code null}
     * @throws IllegalArgumentException on a malformed line (naming the file and line) or a hypernym cycle
     */
    public static WordNetClosure fromWordNet(Path dataNoun, Path indexNoun) throws IOException {
        WordNetNounFile data;
        try (Reader r = Files.newBufferedReader(dataNoun, StandardCharsets.ISO_8859_1)) {
            data = WordNetNounFile.parseData(r, dataNoun.toString());
        }
        Map<String, long[]> senses = null;
        if (indexNoun != null) {
            try (Reader r = Files.newBufferedReader(indexNoun, StandardCharsets.ISO_8859_1)) {
                senses = WordNetNounFile.parseIndex(r, indexNoun.toString());
            }
        }
        return fromWordNet(data, senses, dataNoun.toString());
    }

    /**
     * As {@link #fromWordNet(Path, Path)} from readers ({@code indexNoun} may be {@code null}).
     *
     * @param source name of the input, for error messages and {@link #source()}
     */
    public static WordNetClosure fromWordNet(Reader dataNoun, Reader indexNoun, String source) throws IOException {
        WordNetNounFile data = WordNetNounFile.parseData(dataNoun, source + " (data.noun)");
        Map<String, long[]> senses = indexNoun == null ? null
                : WordNetNounFile.parseIndex(indexNoun, source + " (index.noun)");
        return fromWordNet(data, senses, source);
    }

    private static WordNetClosure fromWordNet(WordNetNounFile data, Map<String, long[]> senses, String source) {
        String[] synsetNames = data.synsetNames(senses);
        int n = synsetNames.length;
        int[][] closure = data.hypernymClosure();
        EdgeListBuilder b = new EdgeListBuilder(source);
        for (int s = 0; s < n; s++) {
            int[] anc = closure[s];
            String[] ancNames = new String[anc.length];
            for (int j = 0; j < anc.length; j++) {
                ancNames[j] = synsetNames[anc[j]];
            }
            Arrays.sort(ancNames);
            for (String a : ancNames) {
                b.add(synsetNames[s], a);
            }
        }
        return b.build();
    }

    /**
     * The closure restricted to {@code root} and its descendants: every edge whose child and ancestor both lie in
     * {@code {root} ∪ descendants(root)} (how Nickel &amp; Kiela cut the mammal closure out of the noun closure).
     *
     * @throws IllegalArgumentException if {@code root} is not a node
     */
    public WordNetClosure subtree(String root) {
        int r = requireIndex(root, "subtree");
        BitSet keep = new BitSet(size());
        keep.set(r);
        for (int e = 0; e < edgeChild.length; e++) {
            if (edgeAncestor[e] == r) {
                keep.set(edgeChild[e]);
            }
        }
        EdgeListBuilder b = new EdgeListBuilder(source + " below " + root);
        for (int e = 0; e < edgeChild.length; e++) {
            if (keep.get(edgeChild[e]) && keep.get(edgeAncestor[e])) {
                b.add(names.get(edgeChild[e]), names.get(edgeAncestor[e]));
            }
        }
        return b.build();
    }

    /** Writes the edge list as {@code child<TAB>ancestor} lines, in edge order. */
    public void writeTsv(Writer out) throws IOException {
        for (int e = 0; e < edgeChild.length; e++) {
            out.write(names.get(edgeChild[e]));
            out.write('\t');
            out.write(names.get(edgeAncestor[e]));
            out.write('\n');
        }
    }

    // ================================================================ queries

    /** Where the closure came from (a file name or resource). */
    public String source() {
        return source;
    }

    /** Number of nodes. */
    public int size() {
        return names.size();
    }

    /** Number of {@code child -> ancestor} edges. */
    public int numEdges() {
        return edgeChild.length;
    }

    /** Name of node {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** All node names, by index (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /** Index of the node called {@code name}, or {@code -1}. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** Child of edge {@code e}. */
    public int edgeChild(int e) {
        return edgeChild[e];
    }

    /** Ancestor of edge {@code e}. */
    public int edgeAncestor(int e) {
        return edgeAncestor[e];
    }

    /** The ancestors of node {@code u}, sorted ascending (a copy). */
    public int[] ancestors(int u) {
        return ancestors[u].clone();
    }

    /** Number of ancestors of {@code u}. */
    public int numAncestors(int u) {
        return ancestors[u].length;
    }

    /** True if {@code a} is a (transitive) ancestor of {@code u}; never true for {@code a == u}. */
    public boolean isAncestor(int u, int a) {
        return Arrays.binarySearch(ancestors[u], a) >= 0;
    }

    /**
     * Number of edges node {@code i} takes part in, as child or ancestor (gensim's per-node {@code count}, the
     * weight of its degree-weighted negative sampling).
     */
    public int degree(int i) {
        return degree[i];
    }

    /** Package-private live access for the sampler and evaluation (never modified). */
    int[] ancestorsView(int u) {
        return ancestors[u];
    }

    private int requireIndex(String name, String who) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("WordNetClosure." + who + ": no node named '" + name + "' in " + source
                    + " (" + size() + " nodes)");
        }
        return i;
    }

    @Override
    public String toString() {
        return "WordNetClosure(" + source + ": " + size() + " nodes, " + numEdges() + " edges)";
    }

    /** Accumulates a deduplicated edge list and indexes nodes by first appearance. */
    private static final class EdgeListBuilder {
        private final String source;
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Set<Long> seen = new HashSet<>();
        private int[] child = new int[1024];
        private int[] ancestor = new int[1024];
        private int count;

        EdgeListBuilder(String source) {
            this.source = source;
        }

        private int node(String name) {
            Integer i = index.get(name);
            if (i == null) {
                i = names.size();
                names.add(name);
                index.put(name, i);
            }
            return i;
        }

        void add(String c, String a) {
            int ci = node(c);
            int ai = node(a);
            if (!seen.add(((long) ci << 32) | ai)) {
                return;
            }
            if (count == child.length) {
                child = Arrays.copyOf(child, 2 * count);
                ancestor = Arrays.copyOf(ancestor, 2 * count);
            }
            child[count] = ci;
            ancestor[count] = ai;
            count++;
        }

        WordNetClosure build() {
            if (count == 0) {
                throw new IllegalArgumentException("WordNetClosure: " + source + " has no edges");
            }
            return new WordNetClosure(source, names, index, Arrays.copyOf(child, count),
                    Arrays.copyOf(ancestor, count));
        }
    }
}
