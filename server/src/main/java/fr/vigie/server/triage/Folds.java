package fr.vigie.server.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** Stratified k-fold assignment with a fixed seed: the same labels and seed always give the same folds. */
public final class Folds {

    private Folds() {}

    /**
     * The fold (0..k-1) of each case: within each label, cases are shuffled with {@code new Random(seed)} and dealt
     * round-robin, so every fold holds about 1/k of each label.
     */
    public static int[] stratified(int[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], key -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        int[] folds = new int[labels.length];
        int next = 0;
        for (List<Integer> cases : byLabel.values()) {
            Collections.shuffle(cases, random);
            for (int index : cases) {
                folds[index] = next;
                next = (next + 1) % k;
            }
        }
        return folds;
    }
}
