"""Compute: one matrix multiply in pure Python, numpy and torch, in GFLOP/s on this machine;
then AlexNet's forward pass against a 1990s processor, from published figures."""

import time

import numpy as np
import torch
from threadpoolctl import threadpool_limits  # installed with scikit-learn

SEED, N_PY, N_BLAS = 0, 96, 512
rng = np.random.default_rng(SEED)
device = "cuda" if torch.cuda.is_available() else "cpu"


def gflops(n, f, repeat):
    times = []
    for _ in range(repeat):  # best of several runs: timing noise only ever adds time
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return 2 * n**3 / min(times) / 1e9  # n^3 multiply-adds, 2 FLOP each


A, B = rng.standard_normal((N_PY, N_PY)), rng.standard_normal((N_PY, N_PY))
a, b_cols = A.tolist(), list(zip(*B.tolist()))
python = gflops(N_PY, lambda: [[sum(x * y for x, y in zip(row, col)) for col in b_cols] for row in a], 2)
assert np.allclose([[sum(x * y for x, y in zip(row, col)) for col in b_cols] for row in a], A @ B)

X, Y = (rng.standard_normal((N_BLAS, N_BLAS), dtype=np.float32) for _ in range(2))
Xt, Yt = torch.from_numpy(X).to(device), torch.from_numpy(Y).to(device)
sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
with threadpool_limits(limits=1):  # one CPU core, like pure Python: a fair race
    numpy = gflops(N_BLAS, lambda: X @ Y, 5)
    torch_ = gflops(N_BLAS, lambda: (Xt @ Yt, sync()), 5)
print(f"pure Python   ({N_PY}x{N_PY}): {python:9.3f} GFLOP/s")
print(f"numpy, 1 core ({N_BLAS}x{N_BLAS}): {numpy:9.1f} GFLOP/s  ({numpy / python:,.0f}x)")
print(f"torch, {device:6} ({N_BLAS}x{N_BLAS}): {torch_:9.1f} GFLOP/s  ({torch_ / python:,.0f}x)")

# AlexNet, from the layer sizes of Krizhevsky et al. (2012). The paper gives a 224x224 input, but
# its first layer (11x11 kernels, stride 4) makes 55x55 maps only from 227: (227 - 11) / 4 + 1 = 55.
SIDE = 227
maps = [(96, (SIDE - 11) // 4 + 1), (256, 27), (384, 13), (384, 13), (256, 13)]  # (maps, side)
neurons = [k * side * side for k, side in maps] + [4096, 4096, 1000]
fan_in = [11 * 11 * 3, 5 * 5 * 48, 3 * 3 * 256, 3 * 3 * 192, 3 * 3 * 192, 6 * 6 * 256, 4096, 4096]
kernels = [96, 256, 384, 384, 256, 4096, 4096, 1000]
weights = sum(k * f for k, f in zip(kernels, fan_in))
forward_flop = 2 * sum(n * f for n, f in zip(neurons, fan_in))
# ASCI Red, December 1996: 1.06 TFLOP/s on Linpack with 7,264 Pentium Pro chips (Intel, 1996).
asci_red, chips = 1.06e12, 7264
epochs, train_images = 90, 1.2e6  # about 90 passes over 1.2 million training images
images = epochs * train_images
print(
    f"AlexNet, {SIDE}x{SIDE} input: {weights / 1e6:.0f} M weights, "
    f"{forward_flop / 1e9:.2f} GFLOP per image, forward pass"
)
print(
    f"one Pentium Pro ({asci_red / chips / 1e6:.0f} MFLOP/s, ASCI Red's {asci_red / 1e12:.2f} TFLOP/s"
    f" over {chips:,} chips): {forward_flop / (asci_red / chips):.0f} s per image"
)
print(f"this machine, {device}: {forward_flop / (torch_ * 1e9) * 1e3:.0f} ms per image")
print(
    f"forward passes of {epochs} epochs over {train_images / 1e6:.1f} million images:"
    f" {images * forward_flop / (asci_red / chips) / 3.15e7:,.0f} years on one Pentium Pro,"
    f" {images * forward_flop / asci_red / 86400:.1f} days on all of ASCI Red"
)

assert maps[0][1] == 55, "the paper's 55x55 first-layer maps need a 227x227 input (224 gives 54.25)"
assert 55e6 < weights < 65e6, "the layer sizes should give the paper's 60 million parameters"
assert numpy > 100 * python, "BLAS (numpy) should multiply matrices at least 100x faster than pure Python"
assert torch_ > 100 * python, "BLAS (torch) should multiply matrices at least 100x faster than pure Python"
