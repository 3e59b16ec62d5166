package fr.vigie.server.forecast.models;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary layout of a saved model: a magic word, the model name and format version, then the model's own fields
 * (big-endian, length-prefixed arrays and UTF-8 strings). Loading checks the magic, name and version, so a model's
 * bytes are never read by the wrong class.
 */
final class ModelBytes {

    private static final int MAGIC = 0x56464331; // "VFC1"

    private ModelBytes() {}

    /** Writes fields after the header. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(String name, int version) {
            try {
                out.writeInt(MAGIC);
                out.writeUTF(name);
                out.writeInt(version);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Writer putInt(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer putDouble(double value) {
            try {
                out.writeDouble(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer putDoubles(double[] values) {
            putInt(values.length);
            for (double v : values) {
                putDouble(v);
            }
            return this;
        }

        Writer putStrings(List<String> values) {
            putInt(values.size());
            try {
                for (String v : values) {
                    out.writeUTF(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer putBytes(byte[] values) {
            putInt(values.length);
            try {
                out.write(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] toBytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /** Reads fields after checking the header. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] bytes, String name, int version) {
            in = new DataInputStream(new ByteArrayInputStream(bytes));
            try {
                if (in.readInt() != MAGIC) {
                    throw new IllegalArgumentException("not a Vigie forecast model");
                }
                String stored = in.readUTF();
                int storedVersion = in.readInt();
                if (!stored.equals(name) || storedVersion != version) {
                    throw new IllegalArgumentException(
                            "model bytes are " + stored + " v" + storedVersion + ", expected " + name + " v" + version);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated model bytes", e);
            }
        }

        int getInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated model bytes", e);
            }
        }

        double getDouble() {
            try {
                return in.readDouble();
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated model bytes", e);
            }
        }

        double[] getDoubles() {
            double[] values = new double[getInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = getDouble();
            }
            return values;
        }

        List<String> getStrings() {
            int n = getInt();
            List<String> values = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    values.add(in.readUTF());
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated model bytes", e);
            }
            return values;
        }

        byte[] getBytes() {
            byte[] values = new byte[getInt()];
            try {
                in.readFully(values);
            } catch (IOException e) {
                throw new IllegalArgumentException("truncated model bytes", e);
            }
            return values;
        }
    }
}
