package dev.attnvision.attention;

/**
 * Deformable convolution v1 written pixel by pixel with plain loops, the reference for
 * {@link DeformableConv2d}: offsets in (group, tap, dy/dx) channel order, bilinear weights
 * {@code (1-|q_y-n_y|)(1-|q_x-n_x|)} over the 4 integer neighbours, zero outside the image. Counts
 * the sampling points whose neighbourhood lies wholly inside or (partly) outside the image.
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

    /**
     * @param x (B, C, H, W)
     * @param offsets (B, 2*G*k*k, Ho, Wo)
     * @param weight (O, C, k, k)
     * @param bias (O)
     * @return (B, O, Ho, Wo)
     */
    NaiveTensor forward(NaiveTensor x, NaiveTensor offsets, NaiveTensor weight, NaiveTensor bias) {
        int b = x.dim(0);
        int c = x.dim(1);
        int filters = weight.dim(0);
        int ho = (x.dim(2) + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        int wo = (x.dim(3) + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        int taps = kernel * kernel;
        NaiveTensor out = new NaiveTensor(new double[b * filters * ho * wo], b, filters, ho, wo);
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < filters; o++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = bias.get(o);
                        for (int ch = 0; ch < c; ch++) {
                            int g = ch / (c / groups);
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int dyChannel = 2 * (g * taps + i * kernel + j);
                                    double py = oy * stride - padding + i * dilation
                                            + offsets.get(n, dyChannel, oy, ox);
                                    double px = ox * stride - padding + j * dilation
                                            + offsets.get(n, dyChannel + 1, oy, ox);
                                    sum += weight.get(o, ch, i, j) * bilinear(x, n, ch, py, px, o == 0);
                                }
                            }
                        }
                        out.set(sum, n, o, oy, ox);
                    }
                }
            }
        }
        return out;
    }

    private double bilinear(NaiveTensor x, int n, int ch, double py, double px, boolean count) {
        int y0 = (int) Math.floor(py);
        int x0 = (int) Math.floor(px);
        double value = 0;
        boolean allInside = true;
        for (int yy = y0; yy <= y0 + 1; yy++) {
            for (int xx = x0; xx <= x0 + 1; xx++) {
                if (yy >= 0 && yy < x.dim(2) && xx >= 0 && xx < x.dim(3)) {
                    value += (1 - Math.abs(py - yy)) * (1 - Math.abs(px - xx)) * x.get(n, ch, yy, xx);
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
