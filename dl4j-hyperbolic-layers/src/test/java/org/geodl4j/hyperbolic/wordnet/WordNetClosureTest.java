package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WordNetClosureTest {

    private static Reader resource(String name) {
        return new InputStreamReader(WordNetClosureTest.class.getResourceAsStream(name), StandardCharsets.ISO_8859_1);
    }

    private static WordNetClosure excerpt(boolean withIndex) throws IOException {
        try (Reader data = resource("data.noun"); Reader index = withIndex ? resource("index.noun") : null) {
            return WordNetClosure.fromWordNet(data, index, "excerpt");
        }
    }

    private static Set<String> ancestorNames(WordNetClosure w, String node) {
        Set<String> out = new HashSet<>();
        for (int a : w.ancestors(w.indexOf(node))) {
            out.add(w.name(a));
        }
        return out;
    }

    @Test
    void shippedMammalClosureHas6542EdgesOver1182Synsets() {
        WordNetClosure m = WordNetClosure.mammals();
        assertEquals(1182, m.size());
        assertEquals(6542, m.numEdges());
        int mammal = m.indexOf("mammal.n.01");
        assertEquals(0, m.numAncestors(mammal), "the root has no ancestor");
        int below = 0;
        long edgeSum = 0;
        for (int u = 0; u < m.size(); u++) {
            if (m.isAncestor(u, mammal)) {
                below++;
            }
            edgeSum += m.numAncestors(u);
            assertFalse(m.isAncestor(u, u), "no self loops");
        }
        assertEquals(1181, below, "every other synset lies below mammal.n.01");
        assertEquals(6542, edgeSum);
        assertTrue(m.isAncestor(m.indexOf("aardvark.n.01"), m.indexOf("placental.n.01")));
        assertFalse(m.isAncestor(m.indexOf("placental.n.01"), m.indexOf("aardvark.n.01")));
        assertEquals("aardvark.n.01", m.name(0), "nodes indexed by first appearance, child first");
        assertEquals("mammal.n.01", m.name(1));
    }

    @Test
    void parsesDataNounExcerptIntoHypernymAndInstanceHypernymClosure() throws IOException {
        WordNetClosure w = excerpt(true);
        // paw.n.01 has neither hypernyms nor hyponyms: it is in no edge
        assertEquals(9, w.size());
        assertEquals(14, w.numEdges());
        assertEquals(-1, w.indexOf("paw.n.01"));
        assertEquals(Set.of("dog.n.01", "animal.n.01", "entity.n.01"), ancestorNames(w, "lassie.n.01"),
                "@i then @ pointers are followed");
        assertEquals(Set.of("animal.n.01", "entity.n.01"), ancestorNames(w, "dog.n.01"),
                "%p, ~i and -c pointers are ignored");
        assertEquals(Set.of("animal.n.01", "entity.n.01"), ancestorNames(w, "cat.n.01"), "w_cnt 0b is hexadecimal");
        assertEquals(Set.of("person.n.01", "entity.n.01"), ancestorNames(w, "frump.n.01"));
        assertEquals(Set.of("constellation.n.01", "entity.n.01"), ancestorNames(w, "dog.n.02"),
                "sense number from index.noun order; first lemma lower-cased");
        assertEquals(Set.of(), ancestorNames(w, "entity.n.01"));
        assertEquals(3, w.degree(w.indexOf("dog.n.01")), "dog.n.01: child of 2 edges, ancestor in lassie->dog");
    }

    @Test
    void withoutIndexNounSenseNumbersFollowFileOrder() throws IOException {
        WordNetClosure w = excerpt(false);
        assertEquals(14, w.numEdges());
        // 'dog' occurs in 00003000 (1st), 00006000 (2nd, not its first lemma), 00008000 (3rd)
        assertTrue(w.indexOf("dog.n.03") >= 0);
        assertEquals(-1, w.indexOf("dog.n.02"));
        assertEquals(Set.of("constellation.n.01", "entity.n.01"), ancestorNames(w, "dog.n.03"));
    }

    @Test
    void subtreeKeepsEdgesInsideTheRootAndItsDescendants() throws IOException {
        WordNetClosure animals = excerpt(true).subtree("animal.n.01");
        assertEquals(4, animals.size());
        assertEquals(4, animals.numEdges(), "dog->animal, cat->animal, lassie->dog, lassie->animal");
        assertEquals(Set.of("dog.n.01", "animal.n.01"), ancestorNames(animals, "lassie.n.01"));
        assertThrows(IllegalArgumentException.class, () -> animals.subtree("person.n.01"));
    }

    @Test
    void tsvRoundTripKeepsEdgesAndNodeOrder() throws IOException {
        WordNetClosure w = excerpt(true);
        StringWriter out = new StringWriter();
        w.writeTsv(out);
        WordNetClosure back = WordNetClosure.fromTsv(new StringReader(out.toString()), "round trip");
        assertEquals(w.names(), back.names());
        for (int u = 0; u < w.size(); u++) {
            assertArrayEquals(w.ancestors(u), back.ancestors(u));
        }
    }

    @Test
    void tsvDuplicatesCollapseAndBadLinesAreNamed() throws IOException {
        WordNetClosure w = WordNetClosure.fromTsv(new StringReader("b\ta\nb\ta\n\nc\tb\nc\ta\n"), "dup");
        assertEquals(3, w.numEdges());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordNetClosure.fromTsv(new StringReader("b\ta\nc b a\n"), "bad.tsv"));
        assertTrue(e.getMessage().contains("bad.tsv line 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WordNetClosure.fromTsv(new StringReader("a\ta\n"), "loop.tsv"));
        assertTrue(e.getMessage().contains("self loop"), e.getMessage());
    }

    @Test
    void malformedDataNounAndCyclesAreRejected() {
        String bad = "00001740 03 n 01 entity 0 00x | oops\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordNetClosure.fromWordNet(new StringReader(bad), null, "bad"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        String cycle = "00000001 03 n 01 a 0 001 @ 00000002 n 0000 | a\n"
                + "00000002 03 n 01 b 0 001 @ 00000001 n 0000 | b\n";
        e = assertThrows(IllegalArgumentException.class,
                () -> WordNetClosure.fromWordNet(new StringReader(cycle), null, "cycle"));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        String dangling = "00000001 03 n 01 a 0 001 @ 00000009 n 0000 | a\n";
        e = assertThrows(IllegalArgumentException.class,
                () -> WordNetClosure.fromWordNet(new StringReader(dangling), null, "dangling"));
        assertTrue(e.getMessage().contains("00000009"), e.getMessage());
    }
}
