"""No pretraining needed: a deep ReLU net with He init trains from scratch where a deep
sigmoid net from small random weights (the 2006 setting) stays near chance."""

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

SEED, DEPTH, WIDTH, EPOCHS, LR = 0, 8, 64, 15, 0.02
torch.manual_seed(SEED)
torch.set_num_threads(1)  # small matrices: a second thread costs more than it saves
torch.set_default_dtype(torch.float32)  # restated: the site builds all pages in one process
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X / 16, y, test_size=0.25, random_state=SEED)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)


def deep_net(activation, init):
    layers, fan_in = [], 64
    for _ in range(DEPTH):
        linear = nn.Linear(fan_in, WIDTH)
        init(linear.weight)
        nn.init.zeros_(linear.bias)
        layers += [linear, activation()]
        fan_in = WIDTH
    return nn.Sequential(*layers, nn.Linear(WIDTH, 10))


def train_and_test(model):
    velocity = [torch.zeros_like(p) for p in model.parameters()]
    for _ in range(EPOCHS):
        for idx in torch.randperm(len(X_train)).split(64):
            model.zero_grad()
            nn.functional.cross_entropy(model(X_train[idx]), y_train[idx]).backward()
            with torch.no_grad():
                for p, v in zip(model.parameters(), velocity):
                    v.mul_(0.9).add_(p.grad)  # SGD with momentum 0.9
                    p -= LR * v
    with torch.no_grad():
        return (model(X_test).argmax(1) == y_test).float().mean().item()


# 2006 setting: logistic units, small random weights, plain backprop, no pretraining.
sigmoid_small = train_and_test(deep_net(nn.Sigmoid, lambda w: nn.init.normal_(w, std=0.01)))
# 2015 setting: rectified linear units, He initialisation std = sqrt(2 / fan_in).
relu_he = train_and_test(deep_net(nn.ReLU, lambda w: nn.init.kaiming_normal_(w, nonlinearity="relu")))

print(f"{DEPTH} hidden layers of {WIDTH} units, {EPOCHS} epochs of SGD, no pretraining")
print(f"test accuracy, sigmoid + small init: {sigmoid_small:.3f}  (chance is 0.100)")
print(f"test accuracy, ReLU + He init:       {relu_he:.3f}")

assert sigmoid_small < 0.2, "the deep sigmoid net from small weights should stay near chance"
assert relu_he > 0.7, "the deep ReLU net with He init should train from scratch to > 70% test accuracy"
