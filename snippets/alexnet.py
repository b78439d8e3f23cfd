"""AlexNet's architecture (Krizhevsky et al., 2012), not trained: parameters and multiply-accumulates."""

import torch
from torch import nn

torch.set_num_threads(1)  # one image's forward pass: on a busy CPU a second thread spins more than it helps

# The weights are left random (and never trained): the counts below do not depend on them.
# Layer sizes from the paper's section 3.5. groups=2 keeps each half on its own GPU,
# as in the paper: conv2, conv4 and conv5 see only the 48 or 192 maps on their GPU.
# fmt: off  (one row per layer group, as the paper lists them)
alexnet = nn.Sequential(
    nn.Conv2d(3, 96, 11, stride=4),
    nn.ReLU(),
    nn.LocalResponseNorm(5, 1e-4, 0.75, 2),
    nn.MaxPool2d(3, 2),
    nn.Conv2d(96, 256, 5, padding=2, groups=2),
    nn.ReLU(),
    nn.LocalResponseNorm(5, 1e-4, 0.75, 2),
    nn.MaxPool2d(3, 2),
    nn.Conv2d(256, 384, 3, padding=1),
    nn.ReLU(),
    nn.Conv2d(384, 384, 3, padding=1, groups=2),
    nn.ReLU(),
    nn.Conv2d(384, 256, 3, padding=1, groups=2),
    nn.ReLU(),
    nn.MaxPool2d(3, 2),
    nn.Flatten(),
    nn.Dropout(0.5),
    nn.Linear(256 * 6 * 6, 4096),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(4096, 4096),
    nn.ReLU(),
    nn.Linear(4096, 1000),
)
# fmt: on

rows = []


def count(module, inputs, output):
    weights = sum(p.numel() for p in module.parameters())
    if isinstance(module, nn.Conv2d):  # one MAC per weight per output position
        macs = output.numel() * module.weight[0].numel()
    else:
        macs = module.in_features * module.out_features
    rows.append((type(module).__name__, tuple(output.shape[1:]), weights, macs))


for layer in alexnet:
    if isinstance(layer, (nn.Conv2d, nn.Linear)):
        layer.register_forward_hook(count)
with torch.no_grad():  # one blank image: the hooks record each layer's output shape
    alexnet(torch.zeros(1, 3, 227, 227))  # 227, not the paper's 224, makes conv1 give 55x55

print(f"{'layer':<8}{'output':>16}{'parameters':>14}{'MACs':>16}")
for name, shape, weights, macs in rows:
    print(f"{name:<8}{shape!s:>16}{weights:>14,}{macs:>16,}")
params, macs = sum(r[2] for r in rows), sum(r[3] for r in rows)
fc_params = sum(r[2] for r in rows if r[0] == "Linear")
conv_macs = sum(r[3] for r in rows if r[0] == "Conv2d")
print(
    f"total: {params / 1e6:.1f} million parameters, {macs / 1e9:.2f} billion multiply-accumulates per image"
)
print(
    f"fully connected layers hold {fc_params / params:.0%} of the parameters; "
    f"convolutions do {conv_macs / macs:.0%} of the arithmetic"
)

assert 55e6 < params < 65e6, "the paper's network has about 60 million parameters"
assert fc_params / params > 0.9 and conv_macs / macs > 0.9, (
    "weights sit in the FC layers, work in the convolutions"
)
