"""LeNet-5 (LeCun et al., 1998) on scikit-learn's digits, upsampled from 8x8 to 32x32."""

import torch
from sklearn.datasets import load_digits
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
torch.manual_seed(SEED)
digits = load_digits()  # 1,797 digits of 8x8 pixels
images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16
X = nn.functional.interpolate(images, size=32, mode="bilinear")  # LeNet-5 expects 32x32
y = torch.tensor(digits.target)
train, test = torch.randperm(len(X)).split(1300)

# The paper's Table I: which of the 6 S2 maps feed each of the 16 C3 maps (60 pairs of 96).
TABLE = [[(j + k) % 6 for k in range(n)] for n in (3, 4) for j in range(6)]
TABLE += [[0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5], list(range(6))]
MASK = torch.zeros(16, 6, 1, 1)  # C3's weight shape, less the 5x5 kernel: 1 where Table I connects
for c3_map, s2_maps in enumerate(TABLE):
    MASK[c3_map, s2_maps] = 1


class Subsample(nn.Module):
    """S2 and S4: each 2x2 block's average, times a trainable weight plus a bias, per map."""

    def __init__(self, maps):
        super().__init__()
        self.w = nn.Parameter(torch.ones(maps, 1, 1))
        self.b = nn.Parameter(torch.zeros(maps, 1, 1))

    def forward(self, x):
        return nn.functional.avg_pool2d(x, 2) * self.w + self.b


class TableI(nn.Module):
    """C3's weight as the model sees it: the pairs Table I leaves out are multiplied by zero."""

    def forward(self, weight):
        return weight * MASK


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.C1, self.S2 = nn.Conv2d(1, 6, 5), Subsample(6)
        self.C3, self.S4 = nn.Conv2d(6, 16, 5), Subsample(16)
        self.C5, self.F6 = nn.Conv2d(16, 120, 5), nn.Sequential(nn.Flatten(), nn.Linear(120, 84))
        self.out = nn.Linear(84, 10)  # the paper uses Euclidean RBF units here
        nn.utils.parametrize.register_parametrization(self.C3, "weight", TableI())

    def forward(self, x):
        for layer in [self.C1, self.S2, self.C3, self.S4, self.C5, self.F6]:
            x = 1.7159 * torch.tanh(2 / 3 * layer(x))  # the paper's scaled tanh
        return self.out(x)


def adam_step(params, mean, square, t, lr):
    """One step of Adam (Kingma & Ba, 2015); the paper used diagonal Levenberg-Marquardt."""
    with torch.no_grad():
        for p, m, v in zip(params, mean, square):
            m.mul_(0.9).add_(0.1 * p.grad)  # running mean of the gradient
            v.mul_(0.999).add_(0.001 * p.grad**2)  # and of its square
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)


def fit(model, epochs, lr):
    """Mini-batches of 64; returns the test accuracy after each epoch."""
    params, history, t = list(model.parameters()), [], 0
    mean, square = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
    for _ in range(epochs):
        for idx in train[torch.randperm(len(train))].split(64):
            model.zero_grad()
            nn.functional.cross_entropy(model(X[idx]), y[idx]).backward()
            t += 1  # Adam written out: torch.optim's first import alone takes about 0.8 s
            adam_step(params, mean, square, t, lr=lr)
        with torch.no_grad():
            history.append((model(X[test]).argmax(1) == y[test]).float().mean().item())
    return history


model = LeNet5()
history = fit(model, epochs=3, lr=4e-3)
accuracy = history[-1]
# C3's weights that Table I leaves out are held at zero: they are not trainable parameters.
held_at_zero = int((1 - MASK).sum()) * 25 if nn.utils.parametrize.is_parametrized(model.C3) else 0
trainable = sum(p.numel() for p in model.parameters()) - held_at_zero
paper_layers = trainable - sum(p.numel() for p in model.out.parameters())
print(f"trainable parameters: {trainable:,}, of which C1..F6 hold {paper_layers:,}")
print(f"test accuracy on {len(test)} held-out digits: {accuracy:.3f}")
assert paper_layers == 60_000, "C1..F6 should have the paper's 60,000 trainable parameters"
assert accuracy > 0.90, "LeNet-5 should classify more than 90% of held-out digits correctly"
