package org.geodl4j.hyperbolic.wordnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed content of a WordNet 3.0 {@code data.noun} file that a hypernym closure needs: per synset its offset,
 * lemmas and hypernym ({@code @}) / instance hypernym ({@code @i}) targets. Format: WordNet {@code wndb(5)}:
 * <pre>
 * synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] [frames...] | gloss
 * ptr = pointer_symbol synset_offset pos source/target
 * </pre>
 * {@code w_cnt} is two hexadecimal digits, {@code p_cnt} three decimal digits, {@code lex_id} one hexadecimal digit,
 * {@code source/target} four hexadecimal digits. Lines starting with two spaces are the licence header.
 */
final class WordNetNounFile {

    private final String source;
    private final long[] offsets;
    private final String[][] lemmas;
    private final long[][] hypernymOffsets;
    private final Map<Long, Integer> byOffset;

    private WordNetNounFile(String source, long[] offsets, String[][] lemmas, long[][] hypernymOffsets) {
        this.source = source;
        this.offsets = offsets;
        this.lemmas = lemmas;
        this.hypernymOffsets = hypernymOffsets;
        this.byOffset = new HashMap<>(offsets.length * 2);
        for (int i = 0; i < offsets.length; i++) {
            if (byOffset.put(offsets[i], i) != null) {
                throw new IllegalArgumentException("WordNet data.noun " + source + ": synset offset "
                        + String.format("%08d", offsets[i]) + " appears twice");
            }
        }
    }

    /** Number of synsets. */
    int size() {
        return offsets.length;
    }

    static WordNetNounFile parseData(Reader reader, String source) throws IOException {
        BufferedReader br = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        List<Long> offsets = new ArrayList<>();
        List<String[]> lemmas = new ArrayList<>();
        List<long[]> hypernyms = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.startsWith("  ") || line.isBlank()) {
                continue;
            }
            int bar = line.indexOf(" | ");
            String body = bar >= 0 ? line.substring(0, bar) : line;
            String[] f = body.trim().split(" +");
            try {
                int p = 0;
                long offset = Long.parseLong(f[p++]);
                p++; // lex_filenum
                String ssType = f[p++];
                if (!ssType.equals("n")) {
                    throw new IllegalArgumentException("ss_type '" + ssType + "' is not a noun ('n')");
                }
                int wCnt = Integer.parseInt(f[p++], 16);
                String[] words = new String[wCnt];
                for (int w = 0; w < wCnt; w++) {
                    words[w] = f[p].toLowerCase(Locale.ROOT);
                    p += 2; // word, lex_id
                }
                int pCnt = Integer.parseInt(f[p++]);
                long[] hyp = new long[pCnt];
                int nh = 0;
                for (int k = 0; k < pCnt; k++) {
                    String symbol = f[p];
                    long target = Long.parseLong(f[p + 1]);
                    String pos = f[p + 2];
                    p += 4;
                    if ((symbol.equals("@") || symbol.equals("@i")) && pos.equals("n")) {
                        hyp[nh++] = target;
                    }
                }
                if (wCnt < 1) {
                    throw new IllegalArgumentException("synset without words");
                }
                offsets.add(offset);
                lemmas.add(words);
                hypernyms.add(Arrays.copyOf(hyp, nh));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("WordNet data.noun " + source + " line " + lineNo
                        + ": expected 'offset lex_filenum n w_cnt(hex) word lex_id ... p_cnt ptr... | gloss' ("
                        + e.getMessage() + ") but got '" + abbreviate(line) + "'", e);
            }
        }
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("WordNet data.noun " + source + ": no synset lines");
        }
        long[] off = new long[offsets.size()];
        for (int i = 0; i < off.length; i++) {
            off[i] = offsets.get(i);
        }
        return new WordNetNounFile(source, off, lemmas.toArray(new String[0][]), hypernyms.toArray(new long[0][]));
    }

    /**
     * Parses {@code index.noun}: {@code lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt
     * synset_offset...}; returns, per lower-cased lemma, its synset offsets in sense order.
     */
    static Map<String, long[]> parseIndex(Reader reader, String source) throws IOException {
        BufferedReader br = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        Map<String, long[]> senses = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = br.readLine()) != null) {
            lineNo++;
            if (line.startsWith("  ") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" +");
            try {
                int synsetCnt = Integer.parseInt(f[2]);
                long[] off = new long[synsetCnt];
                for (int k = 0; k < synsetCnt; k++) {
                    off[k] = Long.parseLong(f[f.length - synsetCnt + k]);
                }
                senses.put(f[0].toLowerCase(Locale.ROOT), off);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("WordNet index.noun " + source + " line " + lineNo
                        + ": expected 'lemma n synset_cnt p_cnt ptr... sense_cnt tagsense_cnt offset...' but got '"
                        + abbreviate(line) + "'", e);
            }
        }
        return senses;
    }

    /**
     * {@code lemma.n.NN} per synset (first lemma, sense number from {@code senses}, or from file order when
     * {@code senses == null}).
     */
    String[] synsetNames(Map<String, long[]> senses) {
        Map<String, Integer> fileOrderCount = new HashMap<>();
        Map<Long, Integer> fileOrderSense = new HashMap<>();
        if (senses == null) {
            for (int s = 0; s < offsets.length; s++) {
                String first = lemmas[s][0];
                for (String w : lemmas[s]) {
                    int k = fileOrderCount.merge(w, 1, Integer::sum);
                    if (w.equals(first) && !fileOrderSense.containsKey(offsets[s])) {
                        fileOrderSense.put(offsets[s], k);
                    }
                }
            }
        }
        String[] names = new String[offsets.length];
        for (int s = 0; s < offsets.length; s++) {
            String lemma = lemmas[s][0];
            int sense;
            if (senses == null) {
                sense = fileOrderSense.get(offsets[s]);
            } else {
                long[] list = senses.get(lemma);
                sense = -1;
                for (int k = 0; list != null && k < list.length; k++) {
                    if (list[k] == offsets[s]) {
                        sense = k + 1;
                        break;
                    }
                }
                if (sense < 0) {
                    throw new IllegalArgumentException("WordNet index.noun: lemma '" + lemma + "' does not list synset "
                            + String.format("%08d", offsets[s]) + " of " + source
                            + " (are data.noun and index.noun from the same WordNet version?)");
                }
            }
            names[s] = String.format(Locale.ROOT, "%s.n.%02d", lemma, sense);
        }
        return names;
    }

    /**
     * Per synset, the sorted indices of all synsets reachable by one or more {@code @}/{@code @i} pointers.
     *
     * @throws IllegalArgumentException on a pointer to an unknown offset or a cycle
     */
    int[][] hypernymClosure() {
        int n = offsets.length;
        int[][] parents = new int[n][];
        for (int s = 0; s < n; s++) {
            long[] h = hypernymOffsets[s];
            parents[s] = new int[h.length];
            for (int k = 0; k < h.length; k++) {
                Integer t = byOffset.get(h[k]);
                if (t == null) {
                    throw new IllegalArgumentException("WordNet data.noun " + source + ": synset "
                            + String.format("%08d", offsets[s]) + " points to hypernym "
                            + String.format("%08d", h[k]) + ", which is not in the file");
                }
                parents[s][k] = t;
            }
        }
        int[][] closure = new int[n][];
        byte[] state = new byte[n]; // 0 new, 1 on the stack, 2 done
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            next[0] = 0;
            state[root] = 1;
            while (top >= 0) {
                int s = stack[top];
                if (next[top] < parents[s].length) {
                    int p = parents[s][next[top]++];
                    if (state[p] == 1) {
                        throw new IllegalArgumentException("WordNet data.noun " + source + ": hypernym cycle through "
                                + String.format("%08d", offsets[p]));
                    }
                    if (state[p] == 0) {
                        state[p] = 1;
                        top++;
                        stack[top] = p;
                        next[top] = 0;
                    }
                    continue;
                }
                closure[s] = union(s, parents[s], closure, mark);
                state[s] = 2;
                top--;
            }
        }
        return closure;
    }

    private static int[] union(int s, int[] parents, int[][] closure, int[] mark) {
        int size = 0;
        for (int p : parents) {
            size += 1 + closure[p].length;
        }
        int[] out = new int[size];
        int k = 0;
        for (int p : parents) {
            if (mark[p] != s) {
                mark[p] = s;
                out[k++] = p;
            }
            for (int a : closure[p]) {
                if (mark[a] != s) {
                    mark[a] = s;
                    out[k++] = a;
                }
            }
        }
        int[] result = Arrays.copyOf(out, k);
        Arrays.sort(result);
        return result;
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
