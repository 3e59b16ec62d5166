package fr.vigie.server.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained XGBoost tree ensemble evaluated in Java: margins, probabilities and TreeSHAP contributions for one output
 * group. The trees are read once from the booster's JSON dump (XGBoost's documented model schema: per tree {@code
 * left_children}, {@code right_children}, {@code split_indices}, {@code split_conditions} — the leaf value on a
 * leaf — {@code default_left}, {@code sum_hessian}; {@code tree_info} gives each tree's output group).
 *
 * <p>Why not XGBoost4J at serving time: every native call copies the row through JNI and a JSON array interface
 * (about 0.5 ms per in-place prediction), and SHAP contributions need a DMatrix and compute every class (750 trees
 * of the triage model) when the reason quotes one. Walking 150 trees of depth 4 in Java takes microseconds, is
 * thread-safe without locks (immutable arrays), and TreeSHAP on the trees of one class is five times less work.
 * XGBoost4J remains the trainer and the reference: a test checks that margins, probabilities and contributions equal
 * the native ones.
 *
 * <p>Splits follow XGBoost: a present value goes left when {@code value < condition} (float comparison), a missing
 * one (NaN) follows {@code default_left}. Contributions are exact TreeSHAP (Lundberg, Erion, Lee, "Consistent
 * individualized feature attribution for tree ensembles", 2018, algorithm 2) with the node covers ({@code
 * sum_hessian}) as XGBoost uses them.
 */
public final class TreeEnsemble {

    private final Tree[] trees;
    private final int groups;
    private final float[] baseMargin;
    private final boolean softmax;
    private final int pathSize;

    private record Tree(
            int group,
            int[] left,
            int[] right,
            int[] feature,
            float[] condition,
            boolean[] defaultLeft,
            double[] cover,
            int depth) {

        boolean leaf(int node) {
            return left[node] < 0;
        }

        int next(int node, float[] row) {
            float value = row[feature[node]];
            if (Float.isNaN(value)) {
                return defaultLeft[node] ? left[node] : right[node];
            }
            return value < condition[node] ? left[node] : right[node];
        }

        float value(float[] row) {
            int node = 0;
            while (!leaf(node)) {
                node = next(node, row);
            }
            return condition[node];
        }
    }

    private TreeEnsemble(Tree[] trees, int groups, float[] baseMargin, boolean softmax) {
        this.trees = trees;
        this.groups = groups;
        this.baseMargin = baseMargin;
        this.softmax = softmax;
        int depth = 0;
        for (Tree tree : trees) {
            depth = Math.max(depth, tree.depth());
        }
        int size = depth + 2;
        this.pathSize = size * (size + 1) / 2;
    }

    /** The ensemble of a booster (gbtree, objectives {@code multi:softprob} or an identity link such as quantiles). */
    public static TreeEnsemble of(Booster booster) {
        try {
            return parse(new ObjectMapper().readTree(booster.toByteArray("json")));
        } catch (XGBoostError e) {
            throw new IllegalStateException("Cannot dump XGBoost model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TreeEnsemble parse(JsonNode json) {
        JsonNode learner = json.path("learner");
        String objective = learner.path("objective").path("name").asText();
        boolean softmax;
        switch (objective) {
            case "multi:softprob", "multi:softmax" -> softmax = true;
            case "reg:quantileerror", "reg:squarederror", "reg:absoluteerror" -> softmax = false;
            default -> throw new IllegalArgumentException("Objective " + objective + " is not supported in Java");
        }
        JsonNode booster = learner.path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            throw new IllegalArgumentException("Only gbtree models are supported, not " + booster.path("name"));
        }
        JsonNode model = booster.path("model");
        int groups = Math.max(
                1, learner.path("learner_model_param").path("num_class").asInt(0));
        if (!softmax) {
            groups = Math.max(
                    1, learner.path("learner_model_param").path("num_target").asInt(1));
        }
        float[] base =
                baseScore(learner.path("learner_model_param").path("base_score").asText(), groups);
        JsonNode treeInfo = model.path("tree_info");
        JsonNode treesNode = model.path("trees");
        Tree[] trees = new Tree[treesNode.size()];
        for (int t = 0; t < trees.length; t++) {
            JsonNode tree = treesNode.get(t);
            int[] left = ints(tree.path("left_children"));
            int[] right = ints(tree.path("right_children"));
            int[] feature = ints(tree.path("split_indices"));
            JsonNode conditions = tree.path("split_conditions");
            JsonNode defaults = tree.path("default_left");
            JsonNode hessians = tree.path("sum_hessian");
            int n = left.length;
            float[] condition = new float[n];
            boolean[] defaultLeft = new boolean[n];
            double[] cover = new double[n];
            for (int i = 0; i < n; i++) {
                condition[i] = (float) conditions.get(i).asDouble();
                JsonNode d = defaults.get(i);
                defaultLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
                cover[i] = hessians.get(i).asDouble();
            }
            trees[t] = new Tree(
                    treeInfo.get(t).asInt(),
                    left,
                    right,
                    feature,
                    condition,
                    defaultLeft,
                    cover,
                    depth(left, right, 0));
        }
        return new TreeEnsemble(trees, groups, base, softmax);
    }

    private static float[] baseScore(String text, int groups) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        String[] parts = trimmed.split(",");
        float[] base = new float[groups];
        for (int g = 0; g < groups; g++) {
            base[g] = Float.parseFloat(parts[parts.length == 1 ? 0 : g].trim());
        }
        return base;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static int depth(int[] left, int[] right, int node) {
        if (left[node] < 0) {
            return 0;
        }
        return 1 + Math.max(depth(left, right, left[node]), depth(left, right, right[node]));
    }

    /** Number of outputs (classes of a multi-class model, else 1). */
    public int groups() {
        return groups;
    }

    /** Raw scores (margins) of one row, one per output group, summed in float as XGBoost does. */
    public float[] margins(float[] row) {
        float[] margins = baseMargin.clone();
        for (Tree tree : trees) {
            margins[tree.group()] += tree.value(row);
        }
        return margins;
    }

    /** The prediction: class probabilities (softmax of the margins) for a multi-class model, else the margins. */
    public float[] predict(float[] row) {
        float[] margins = margins(row);
        if (!softmax) {
            return margins;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float m : margins) {
            max = Math.max(max, m);
        }
        double sum = 0;
        double[] exp = new double[margins.length];
        for (int g = 0; g < margins.length; g++) {
            exp[g] = Math.exp(margins[g] - max);
            sum += exp[g];
        }
        float[] probabilities = new float[margins.length];
        for (int g = 0; g < margins.length; g++) {
            probabilities[g] = (float) (exp[g] / sum);
        }
        return probabilities;
    }

    /**
     * TreeSHAP contributions of each feature to one output group's margin, bias left out: summed with the expected
     * margin they give the row's margin.
     */
    public double[] contributions(float[] row, int group) {
        double[] phi = new double[row.length];
        Path path = new Path(pathSize);
        for (Tree tree : trees) {
            if (tree.group() == group) {
                shap(tree, row, phi, 0, 0, 0, path, 1, 1, -1);
            }
        }
        return phi;
    }

    /** The unique path of TreeSHAP, stored level after level in flat arrays (as in the reference implementation). */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int size) {
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
        }
    }

    /**
     * Recursion of TreeSHAP algorithm 2. This level's copy of the path starts {@code depth + 1} after the parent's
     * (so it never overlaps the parent's, which the second child reads again); the parent's first {@code depth}
     * elements are copied there before extending.
     */
    private static void shap(
            Tree tree,
            float[] row,
            double[] phi,
            int node,
            int depth,
            int parentOffset,
            Path path,
            double parentZero,
            double parentOne,
            int parentFeature) {
        int offset = parentOffset + depth + 1;
        if (depth > 0) {
            System.arraycopy(path.feature, parentOffset, path.feature, offset, depth);
            System.arraycopy(path.zero, parentOffset, path.zero, offset, depth);
            System.arraycopy(path.one, parentOffset, path.one, offset, depth);
            System.arraycopy(path.weight, parentOffset, path.weight, offset, depth);
        }
        extend(path, offset, depth, parentZero, parentOne, parentFeature);
        if (tree.leaf(node)) {
            double value = tree.condition()[node];
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(path, offset, depth, i);
                phi[path.feature[offset + i]] += w * (path.one[offset + i] - path.zero[offset + i]) * value;
            }
            return;
        }
        int split = tree.feature()[node];
        int hot = tree.next(node, row);
        int cold = hot == tree.left()[node] ? tree.right()[node] : tree.left()[node];
        double cover = tree.cover()[node];
        double hotZero = tree.cover()[hot] / cover;
        double coldZero = tree.cover()[cold] / cover;
        double incomingZero = 1;
        double incomingOne = 1;
        int unique = depth;
        int index = 0;
        while (index <= depth && path.feature[offset + index] != split) {
            index++;
        }
        if (index <= depth) {
            incomingZero = path.zero[offset + index];
            incomingOne = path.one[offset + index];
            unwind(path, offset, depth, index);
            unique--;
        }
        shap(tree, row, phi, hot, unique + 1, offset, path, hotZero * incomingZero, incomingOne, split);
        shap(tree, row, phi, cold, unique + 1, offset, path, coldZero * incomingZero, 0, split);
    }

    private static void extend(Path p, int o, int depth, double zero, double one, int feature) {
        p.feature[o + depth] = feature;
        p.zero[o + depth] = zero;
        p.one[o + depth] = one;
        p.weight[o + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            p.weight[o + i + 1] += one * p.weight[o + i] * (i + 1) / (depth + 1);
            p.weight[o + i] = zero * p.weight[o + i] * (depth - i) / (depth + 1);
        }
    }

    private static void unwind(Path p, int o, int depth, int index) {
        double one = p.one[o + index];
        double zero = p.zero[o + index];
        double next = p.weight[o + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = p.weight[o + i];
                p.weight[o + i] = next * (depth + 1) / ((i + 1) * one);
                next = tmp - p.weight[o + i] * zero * (depth - i) / (depth + 1);
            } else {
                p.weight[o + i] = p.weight[o + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            p.feature[o + i] = p.feature[o + i + 1];
            p.zero[o + i] = p.zero[o + i + 1];
            p.one[o + i] = p.one[o + i + 1];
        }
    }

    private static double unwoundSum(Path p, int o, int depth, int index) {
        double one = p.one[o + index];
        double zero = p.zero[o + index];
        double next = p.weight[o + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = next * (depth + 1) / ((i + 1) * one);
                total += tmp;
                next = p.weight[o + i] - tmp * zero * (depth - i) / (depth + 1);
            } else {
                total += p.weight[o + i] / zero / ((double) (depth - i) / (depth + 1));
            }
        }
        return total;
    }
}
