package dev.attnvision.attention;

/**
 * Plain-loop versions of the layers the HAR-Net blocks are made of, on row-major float arrays in
 * NCHW order, computed in double: the independent references of the block tests.
 */
final class NaiveOps {
    private NaiveOps() {}

    /** A 4-D row-major tensor. */
    record Tensor(float[] data, int n, int c, int h, int w) {
        float at(int b, int ch, int y, int x) {
            return data[((b * c + ch) * h + y) * w + x];
        }
    }

    /** Square-kernel convolution, stride 1, zero padding; {@code bias} may be {@code null}. */
    static Tensor conv2d(Tensor x, float[] weight, float[] bias, int filters, int k, int pad, int dil) {
        int ho = x.h() + 2 * pad - dil * (k - 1);
        int wo = x.w() + 2 * pad - dil * (k - 1);
        float[] out = new float[x.n() * filters * ho * wo];
        for (int b = 0; b < x.n(); b++) {
            for (int o = 0; o < filters; o++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int c = 0; c < x.c(); c++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int y = oy - pad + i * dil;
                                    int xx = ox - pad + j * dil;
                                    if (y >= 0 && y < x.h() && xx >= 0 && xx < x.w()) {
                                        sum += weight[((o * x.c() + c) * k + i) * k + j] * x.at(b, c, y, xx);
                                    }
                                }
                            }
                        }
                        out[((b * filters + o) * ho + oy) * wo + ox] = (float) sum;
                    }
                }
            }
        }
        return new Tensor(out, x.n(), filters, ho, wo);
    }

    /** Group normalisation with biased variance and eps 1e-5. */
    static Tensor groupNorm(Tensor x, int groups, float[] gamma, float[] beta) {
        int per = x.c() / groups;
        float[] out = new float[x.data().length];
        for (int b = 0; b < x.n(); b++) {
            for (int g = 0; g < groups; g++) {
                double sum = 0;
                double sumSq = 0;
                int count = per * x.h() * x.w();
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < x.h(); y++) {
                        for (int xx = 0; xx < x.w(); xx++) {
                            sum += x.at(b, c, y, xx);
                        }
                    }
                }
                double mean = sum / count;
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < x.h(); y++) {
                        for (int xx = 0; xx < x.w(); xx++) {
                            double d = x.at(b, c, y, xx) - mean;
                            sumSq += d * d;
                        }
                    }
                }
                double std = Math.sqrt(sumSq / count + 1e-5);
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int y = 0; y < x.h(); y++) {
                        for (int xx = 0; xx < x.w(); xx++) {
                            int i = ((b * x.c() + c) * x.h() + y) * x.w() + xx;
                            out[i] = (float) (gamma[c] * (x.data()[i] - mean) / std + beta[c]);
                        }
                    }
                }
            }
        }
        return new Tensor(out, x.n(), x.c(), x.h(), x.w());
    }

    static Tensor relu(Tensor x) {
        float[] out = x.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0f, out[i]);
        }
        return new Tensor(out, x.n(), x.c(), x.h(), x.w());
    }

    static float sigmoid(double v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** Mean over H and W: {@code [b][c]}. */
    static double[][] globalAveragePool(Tensor x) {
        double[][] out = new double[x.n()][x.c()];
        for (int b = 0; b < x.n(); b++) {
            for (int c = 0; c < x.c(); c++) {
                double sum = 0;
                for (int y = 0; y < x.h(); y++) {
                    for (int xx = 0; xx < x.w(); xx++) {
                        sum += x.at(b, c, y, xx);
                    }
                }
                out[b][c] = sum / (x.h() * x.w());
            }
        }
        return out;
    }

    /** Fully connected layer on one vector, weight {@code (units, in)} row-major. */
    static double[] linear(double[] v, float[] weight, float[] bias) {
        double[] out = new double[bias.length];
        for (int u = 0; u < out.length; u++) {
            double sum = bias[u];
            for (int i = 0; i < v.length; i++) {
                sum += weight[u * v.length + i] * v[i];
            }
            out[u] = sum;
        }
        return out;
    }
}
