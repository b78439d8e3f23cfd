"""Batch normalisation lets a deep ReLU net (He init in both arms) train at a learning
rate that breaks the same net without it."""

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

SEED, DEPTH, WIDTH, EPOCHS, BATCH = 0, 10, 64, 6, 64
torch.manual_seed(SEED)
torch.set_num_threads(1)  # small matrices: a second thread costs more than it saves
torch.set_default_dtype(torch.float32)  # restated: the site builds all pages in one process
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16, y, test_size=0.25, random_state=SEED)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)


def deep_relu_net(batch_norm):
    layers, fan_in = [], 64
    for _ in range(DEPTH):
        linear = nn.Linear(fan_in, WIDTH)
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # He init in both arms
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.BatchNorm1d(WIDTH), nn.ReLU()] if batch_norm else [linear, nn.ReLU()]
        fan_in = WIDTH
    return nn.Sequential(*layers, nn.Linear(WIDTH, 10))


def test_accuracy(batch_norm, lr):
    model = deep_relu_net(batch_norm)
    n = len(X_train) // BATCH * BATCH  # full batches only: batch statistics need enough rows
    for _ in range(EPOCHS):
        model.train()
        for idx in torch.randperm(len(X_train))[:n].view(-1, BATCH):
            model.zero_grad()
            nn.functional.cross_entropy(model(X_train[idx]), y_train[idx]).backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= lr * p.grad  # plain SGD, no momentum
    model.eval()
    with torch.no_grad():
        return (model(X_test).argmax(1) == y_test).float().mean().item()


lrs = [0.05, 1.0]
plain = [test_accuracy(False, lr) for lr in lrs]
with_bn = [test_accuracy(True, lr) for lr in lrs]
print(f"{DEPTH} ReLU layers, He init, {EPOCHS} epochs; test accuracy (chance is 0.100)")
print(f"{'learning rate':>13} {'no batch norm':>14} {'batch norm':>11}")
for lr, p, b in zip(lrs, plain, with_bn):
    print(f"{lr:>13} {p:>14.3f} {b:>11.3f}")

assert plain[0] > 0.5, "at a small learning rate the net without batch norm should train"
assert plain[1] < 0.2, "at learning rate 1.0 the net without batch norm should break (near chance)"
assert with_bn[1] > 0.8, "at learning rate 1.0 the net with batch norm should still reach > 80% test accuracy"
