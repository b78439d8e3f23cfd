"""Greedy layer-wise RBM pretraining (Hinton et al., 2006) of a deep sigmoid net on the digits."""

from itertools import pairwise

import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
torch.manual_seed(SEED)
digits = load_digits()  # 1,797 digits of 8x8 pixels, scaled to [0, 1]
X, y = torch.tensor(digits.data / 16, dtype=torch.float32), torch.tensor(digits.target)
train, test = torch.randperm(len(X)).split(1300)
SIZES, EPOCHS = [64, 64, 64, 64, 64], 10  # four hidden sigmoid layers of 64 units


def rbm(data, n_hidden, epochs=10, lr=0.5):
    """A restricted Boltzmann machine trained with one-step contrastive divergence (CD-1)."""
    W, b, c = 0.01 * torch.randn(data.shape[1], n_hidden), torch.zeros(data.shape[1]), torch.zeros(n_hidden)
    for _ in range(epochs):
        for v0 in data[torch.randperm(len(data))].split(32):
            h0 = torch.sigmoid(v0 @ W + c)
            v1 = torch.sigmoid(torch.bernoulli(h0) @ W.T + b)  # one Gibbs step: sample h, reconstruct v
            h1 = torch.sigmoid(v1 @ W + c)
            W += lr * (v0.T @ h0 - v1.T @ h1) / len(v0)
            b, c = b + lr * (v0 - v1).mean(0), c + lr * (h0 - h1).mean(0)
    return W, b, c


def deep_net(activation, std):
    linears = [nn.Linear(fan_in, fan_out) for fan_in, fan_out in pairwise(SIZES)]
    for linear in linears:
        nn.init.normal_(linear.weight, std=std(linear.in_features)), nn.init.zeros_(linear.bias)
    return nn.Sequential(*[m for linear in linears for m in (linear, activation())], nn.Linear(SIZES[-1], 10))


def fine_tune(net, lr=0.2):
    """Plain minibatch SGD on the labels; returns the test accuracy after each epoch."""
    curve = []
    for _ in range(EPOCHS):
        for idx in train[torch.randperm(len(train))].split(32):
            net.zero_grad()
            nn.functional.cross_entropy(net(X[idx]), y[idx]).backward()
            with torch.no_grad():
                for p in net.parameters():
                    p -= lr * p.grad
        with torch.no_grad():
            curve.append((net(X[test]).argmax(1) == y[test]).float().mean().item())
    return curve


small, he = (lambda fan_in: 0.01), (lambda fan_in: (2 / fan_in) ** 0.5)  # 2006 baseline; He et al. (2015)
pretrained, h = deep_net(nn.Sigmoid, small), X[train]  # pretraining sees the training images, no labels
for linear in pretrained[:-1:2]:
    W, b, c = rbm(h, linear.out_features)
    linear.weight.data, linear.bias.data = W.T.clone(), c.clone()
    h = torch.sigmoid(h @ W + c)  # this layer's features are the next RBM's data
curves = {"sigmoid, pretrained": fine_tune(pretrained)}
curves["sigmoid, random init"] = fine_tune(deep_net(nn.Sigmoid, small))
curves["ReLU, He init"] = fine_tune(deep_net(nn.ReLU, he))  # the control: no pretraining
for name, curve in curves.items():
    print(f"{name:<21} test accuracy after {EPOCHS} epochs of SGD: {curve[-1]:.3f}")
pre, rand, relu = (curve[-1] for curve in curves.values())
assert pre > 0.80, "the RBM-pretrained sigmoid net should fine-tune to over 80% test accuracy"
assert rand < 0.30, "the same net from small random weights should stay near chance (10%)"
assert relu > 0.80, "the control, ReLU with He init, should train to over 80% without pretraining"
