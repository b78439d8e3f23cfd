"""Vanishing gradients: one backward pass through a 10-layer MLP, sigmoid vs ReLU."""

import torch
from torch import nn

SEED = 0
torch.set_num_threads(1)  # small tensors gain little from more threads; on a busy CPU they spin (3x slower)
torch.manual_seed(SEED)
DEPTH, WIDTH, BATCH, CLASSES = 10, 64, 256, 10


def mlp(activation, init_std):
    layers = []
    for _ in range(DEPTH):
        linear = nn.Linear(WIDTH, WIDTH)
        nn.init.normal_(linear.weight, std=init_std)
        nn.init.zeros_(linear.bias)
        layers += [linear, activation()]
    return nn.Sequential(*layers, nn.Linear(WIDTH, CLASSES))


def layer_grad_norms(model, x, y):
    nn.functional.cross_entropy(model(x), y).backward()
    linears = [m for m in model if isinstance(m, nn.Linear)][:DEPTH]
    return [m.weight.grad.norm().item() for m in linears]


x = torch.randn(BATCH, WIDTH)
y = torch.randint(0, CLASSES, (BATCH,))
# Logistic sigmoid with the weight scale of Efficient BackProp (LeCun et al., 1998), std = 1/sqrt(fan_in);
# that paper pairs the scale with 1.7159 tanh(2x/3) and advises against this sigmoid (sections 4.4, 4.6).
sigmoid = layer_grad_norms(mlp(nn.Sigmoid, WIDTH**-0.5), x, y)
# The 2015 recipe: ReLU with He initialisation, std = sqrt(2 / fan_in).
relu = layer_grad_norms(mlp(nn.ReLU, (2 / WIDTH) ** 0.5), x, y)

print(f"{'layer':>5} {'sigmoid':>10} {'relu':>10}")
for i, (s, r) in enumerate(zip(sigmoid, relu), start=1):
    print(f"{i:>5} {s:>10.2e} {r:>10.2e}")
print(f"first/last  {sigmoid[0] / sigmoid[-1]:>10.1e} {relu[0] / relu[-1]:>10.2f}")
shrink = (sigmoid[-1] / sigmoid[0]) ** (1 / (DEPTH - 1))
print(f"shrink per layer, sigmoid: {shrink:.1f}x")

assert sigmoid[0] < sigmoid[-1] / 1000, "sigmoid: layer 1 should get < 1/1000 of layer 10's"
assert 0.1 < relu[0] / relu[-1] < 10, "ReLU + He init: layers 1 and 10 should be within 10x"
