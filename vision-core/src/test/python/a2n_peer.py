"""A side-by-side peer for attnvision's A2N, written from the architecture in ../shared/README.md (not the official
code), loading the released weights into PyTorch. Not part of the test suite: Debian's python3-torch runs it.

    /usr/bin/python3 a2n_peer.py SCALE SIDES [--threads N] [--bf16] [--check]

Prints the median forward time of a random SIDE x SIDE input for each side (channels_last), and with --check the
maximum difference from the golden x2/x3 output and the Set5 Y-PSNR (4 decimals) of float32 and, with --bf16, of
bfloat16 weights and activations.
"""
import argparse
import pathlib
import statistics
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

SHARED = pathlib.Path(__file__).resolve().parents[4] / ".." / "shared"
NF, UNF, BLOCKS = 40, 24, 16


class AttentionBranch(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.k1 = nn.Conv2d(nf, nf, 3, padding=1, bias=False)
        self.k2 = nn.Conv2d(nf, nf, 1)
        self.k3 = nn.Conv2d(nf, nf, 3, padding=1, bias=False)
        self.k4 = nn.Conv2d(nf, nf, 3, padding=1, bias=False)

    def forward(self, x):
        mask = torch.sigmoid(self.k2(F.leaky_relu(self.k1(x), 0.2)))
        return self.k4(self.k3(x) * mask)


class Aab(nn.Module):
    def __init__(self, nf, reduction=4, temperature=30.0):
        super().__init__()
        self.conv_first = nn.Conv2d(nf, nf, 1, bias=False)
        self.ADM = nn.Sequential(nn.Linear(nf, nf // reduction, bias=False), nn.ReLU(),
                                 nn.Linear(nf // reduction, 2, bias=False))
        self.attention = AttentionBranch(nf)
        self.non_attention = nn.Conv2d(nf, nf, 3, padding=1, bias=False)
        self.conv_last = nn.Conv2d(nf, nf, 1, bias=False)
        self.temperature = temperature

    def forward(self, x):
        y = F.leaky_relu(self.conv_first(x), 0.2)
        w = torch.softmax(self.ADM(y.mean(dim=(2, 3))) / self.temperature, dim=1)
        mixed = self.attention(y) * w[:, 0].view(-1, 1, 1, 1) + self.non_attention(y) * w[:, 1].view(-1, 1, 1, 1)
        return self.conv_last(F.leaky_relu(mixed, 0.2)) + x


class PixelAttention(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.conv = nn.Conv2d(nf, nf, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.conv(x))


class A2n(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = scale
        self.conv_first = nn.Conv2d(3, NF, 3, padding=1)
        self.AAB_trunk = nn.Sequential(*[Aab(NF) for _ in range(BLOCKS)])
        self.trunk_conv = nn.Conv2d(NF, NF, 3, padding=1)
        self.upconv1 = nn.Conv2d(NF, UNF, 3, padding=1)
        self.att1 = PixelAttention(UNF)
        self.HRconv1 = nn.Conv2d(UNF, UNF, 3, padding=1)
        if scale == 4:
            self.upconv2 = nn.Conv2d(UNF, UNF, 3, padding=1)
            self.att2 = PixelAttention(UNF)
            self.HRconv2 = nn.Conv2d(UNF, UNF, 3, padding=1)
        self.conv_last = nn.Conv2d(UNF, 3, 3, padding=1)

    def forward(self, x):
        fea = self.conv_first(x)
        fea = fea + self.trunk_conv(self.AAB_trunk(fea))
        stages = [(self.scale, self.upconv1, self.att1, self.HRconv1)] if self.scale != 4 else [
            (2, self.upconv1, self.att1, self.HRconv1), (2, self.upconv2, self.att2, self.HRconv2)]
        for factor, up, att, hr in stages:
            fea = F.leaky_relu(att(up(F.interpolate(fea, scale_factor=factor, mode="nearest"))), 0.2)
            fea = F.leaky_relu(hr(fea), 0.2)
        base = F.interpolate(x, scale_factor=self.scale, mode="bilinear", align_corners=False)
        return self.conv_last(fea) + base


def y_psnr(a, b, shave):
    """Y-PSNR (BT.601 on 0..255 RGB, as MATLAB's rgb2ycbcr), `shave` pixels cut from each border."""
    def luma(rgb):
        return 16 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255
    d = luma(a.astype(np.float64))[shave:-shave, shave:-shave] - luma(b.astype(np.float64))[shave:-shave, shave:-shave]
    return 10 * np.log10(255 ** 2 / np.mean(d ** 2))


def run(net, rgb, dtype):
    x = torch.from_numpy(rgb.astype(np.float32)).permute(2, 0, 1)[None].contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        return net(x.to(dtype)).float()[0].permute(1, 2, 0).numpy()


def main():
    args = argparse.ArgumentParser()
    args.add_argument("scale", type=int)
    args.add_argument("sides")
    args.add_argument("--threads", type=int, default=2)
    args.add_argument("--bf16", action="store_true")
    args.add_argument("--check", action="store_true")
    a = args.parse_args()
    torch.set_num_threads(a.threads)
    net = A2n(a.scale).eval()
    if a.scale in (2, 3):
        state = torch.load(SHARED / "weights" / "a2n-official" / f"aan_x{a.scale}.pt", map_location="cpu")
        net.load_state_dict(state)
    net = net.to(memory_format=torch.channels_last)
    dtypes = [torch.float32] + ([torch.bfloat16] if a.bf16 else [])
    if a.check:
        lr = cv2.cvtColor(cv2.imread(str(SHARED / "data/sr/Set5/LR_bicubic" / f"X{a.scale}" / f"birdx{a.scale}.png")),
                          cv2.COLOR_BGR2RGB)
        golden = np.load(SHARED / "golden" / "a2n" / f"bird_x{a.scale}_a2n_float.npy")
        print(f"golden bird x{a.scale}: max |difference| {np.abs(run(net, lr, torch.float32) - golden).max():.2e}")
        for dtype in dtypes:
            model = net.to(dtype)
            scores = []
            for name in ["baby", "bird", "butterfly", "head", "woman"]:
                hr = cv2.cvtColor(cv2.imread(str(SHARED / "data/sr/Set5/HR" / f"{name}.png")), cv2.COLOR_BGR2RGB)
                lr = cv2.cvtColor(cv2.imread(str(SHARED / "data/sr/Set5/LR_bicubic" / f"X{a.scale}"
                                                 / f"{name}x{a.scale}.png")), cv2.COLOR_BGR2RGB)
                sr = np.clip(np.round(run(model, lr, dtype)), 0, 255)
                h, w = sr.shape[:2]
                scores.append(y_psnr(sr, hr[:h, :w], a.scale))
            print(f"Set5 x{a.scale} {dtype}: {statistics.mean(scores):.4f} dB")
    for dtype in dtypes:
        model = net.to(dtype)
        for side in [int(s) for s in a.sides.split(",")]:
            x = torch.rand(1, 3, side, side).mul(255).contiguous(memory_format=torch.channels_last).to(dtype)
            times = []
            with torch.no_grad():
                model(x)
                for _ in range(5):
                    t0 = time.perf_counter()
                    model(x)
                    times.append(time.perf_counter() - t0)
            print(f"{dtype} {side} px x{a.scale}, {a.threads} threads: median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
