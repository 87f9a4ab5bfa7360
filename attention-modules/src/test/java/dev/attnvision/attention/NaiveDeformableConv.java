package dev.attnvision.attention;

import ai.djl.ndarray.types.Shape;

/**
 * Deformable convolution v1 written pixel by pixel with plain loops, the reference for
 * {@link DeformableConv2d}. Offsets use the (group, tap, dy/dx) channel order; samples outside the
 * image read zero. Counts how many sampling points fell (partly) outside the image.
 */
final class NaiveDeformableConv {
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    int outsideSamples;
    int insideSamples;

    NaiveDeformableConv(int kernel, int stride, int padding, int dilation, int groups) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
    }

    /** @return {@code (B, O, Ho, Wo)} flattened */
    float[] forward(float[] x, Shape in, float[] offsets, float[] weight, float[] bias, int filters) {
        int b = (int) in.get(0);
        int c = (int) in.get(1);
        int h = (int) in.get(2);
        int w = (int) in.get(3);
        int ho = (h + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        int wo = (w + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        int taps = kernel * kernel;
        int offsetChannels = 2 * groups * taps;
        float[] out = new float[b * filters * ho * wo];
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < filters; o++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = bias[o];
                        for (int ch = 0; ch < c; ch++) {
                            int g = ch / (c / groups);
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int tap = i * kernel + j;
                                    int dyChannel = 2 * (g * taps + tap);
                                    double dy = offsets[((n * offsetChannels + dyChannel) * ho + oy) * wo + ox];
                                    double dx = offsets[((n * offsetChannels + dyChannel + 1) * ho + oy) * wo + ox];
                                    double py = oy * stride - padding + i * dilation + dy;
                                    double px = ox * stride - padding + j * dilation + dx;
                                    double value = bilinear(x, ((n * c) + ch) * h * w, h, w, py, px, o == 0);
                                    sum += weight[((o * c + ch) * kernel + i) * kernel + j] * value;
                                }
                            }
                        }
                        out[((n * filters + o) * ho + oy) * wo + ox] = (float) sum;
                    }
                }
            }
        }
        return out;
    }

    private double bilinear(float[] x, int base, int h, int w, double py, double px, boolean count) {
        int y0 = (int) Math.floor(py);
        int x0 = (int) Math.floor(px);
        double value = 0;
        boolean allInside = true;
        for (int yy = y0; yy <= y0 + 1; yy++) {
            for (int xx = x0; xx <= x0 + 1; xx++) {
                double weight = (1 - Math.abs(py - yy)) * (1 - Math.abs(px - xx));
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                    value += weight * x[base + yy * w + xx];
                } else {
                    allInside = false;
                }
            }
        }
        if (count) {
            if (allInside) {
                insideSamples++;
            } else {
                outsideSamples++;
            }
        }
        return value;
    }
}
