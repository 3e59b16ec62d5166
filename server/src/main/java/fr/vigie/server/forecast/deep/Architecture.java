package fr.vigie.server.forecast.deep;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The three networks. Each reads the sequence of the past {@code window} days ({@link WindowEncoder}), keeps the
 * features of its last step, concatenates them with the calendar of the days to forecast, and ends with a dense ReLU
 * layer and a linear output of one value per horizon (the day's count as a ratio to the recent level, minus 1),
 * trained with mean squared error.
 *
 * <ul>
 *   <li>{@link #LSTM}: one LSTM layer of {@code hidden} units over the whole sequence.
 *   <li>{@link #CNN}: causal 1-D convolutions (kernel 3, dilations 1, 2, 4, … up to the window, ReLU): the last step
 *       sees the whole window, with no recurrence (a temporal convolutional network).
 *   <li>{@link #CNN_LSTM}: two causal 1-D convolutions (kernel 3, dilations 1 and 2) extract local patterns (a week's
 *       shape, a pollution episode) that an LSTM then reads in order.
 * </ul>
 */
public enum Architecture {
    LSTM("lstm"),
    CNN("cnn"),
    CNN_LSTM("cnn-lstm");

    private final String modelName;

    Architecture(String modelName) {
        this.modelName = modelName;
    }

    /** The model name the operations use. */
    public String modelName() {
        return modelName;
    }

    /** The architecture of a model name. */
    public static Architecture of(String name) {
        for (Architecture a : values()) {
            if (a.modelName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown deep model " + name);
    }

    /**
     * The network for {@code channels} input features over {@code steps} past days, {@code future} known features of
     * the days to forecast, and {@code outputs} horizons.
     *
     * @param seed weight initialisation seed
     */
    ComputationGraphConfiguration configuration(
            int channels, int steps, int future, int outputs, long seed, DeepHyperparameters hp) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hp.learningRate()))
                .l2(hp.l2())
                .graphBuilder()
                .addInputs("in", "future")
                .setInputTypes(InputType.recurrent(channels, steps, RNNFormat.NCW), InputType.feedForward(future));
        int h = hp.hidden();
        String last;
        switch (this) {
            case LSTM:
                graph.addLayer("lstm", lstm(channels, h), "in");
                last = "lstm";
                break;
            case CNN:
                String previous = "in";
                int in = channels;
                // dilations 1, 2, 4, ...: each kernel-3 layer widens the receptive field by 2 d, until it covers the
                // window
                int field = 1;
                for (int d = 1; field < steps; d *= 2) {
                    field += 2 * d;
                    String name = "conv-d" + d;
                    graph.addLayer(name, conv(in, h, d), previous);
                    previous = name;
                    in = h;
                }
                last = previous;
                break;
            case CNN_LSTM:
                graph.addLayer("conv-d1", conv(channels, h, 1), "in");
                graph.addLayer("conv-d2", conv(h, h, 2), "conv-d1");
                graph.addLayer("lstm", lstm(h, h), "conv-d2");
                last = "lstm";
                break;
            default:
                throw new IllegalStateException(name());
        }
        return graph.addVertex("last-step", new LastTimeStepVertex("in"), last)
                .addVertex("merge", new MergeVertex(), "last-step", "future")
                .addLayer(
                        "dense",
                        new DenseLayer.Builder()
                                .nIn(h + future)
                                .nOut(h)
                                .activation(Activation.RELU)
                                .build(),
                        "merge")
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nIn(h)
                                .nOut(outputs)
                                .activation(Activation.IDENTITY)
                                .build(),
                        "dense")
                .setOutputs("out")
                .build();
    }

    private static org.deeplearning4j.nn.conf.layers.LSTM lstm(int in, int out) {
        return new org.deeplearning4j.nn.conf.layers.LSTM.Builder()
                .nIn(in)
                .nOut(out)
                .activation(Activation.TANH)
                .dataFormat(RNNFormat.NCW)
                .build();
    }

    private static Convolution1DLayer conv(int in, int out, int dilation) {
        return new Convolution1DLayer.Builder()
                .nIn(in)
                .nOut(out)
                .kernelSize(3)
                .dilation(dilation)
                .convolutionMode(ConvolutionMode.Causal)
                .rnnDataFormat(RNNFormat.NCW)
                .activation(Activation.RELU)
                .build();
    }
}
