"""Figure for docs/lenet5.md: LeNet-5's layers as the model reports them (session "lenet5")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

shapes = [(tr("input", "입력"), tuple(X.shape[1:]))]
hooks = [
    m.register_forward_hook(lambda m, i, o, n=n: shapes.append((n, tuple(o.shape[1:]))))
    for n, m in model.named_children()
]
with torch.no_grad():
    model(X[:1])
for hook in hooks:
    hook.remove()
params = {n: sum(p.numel() for p in m.parameters()) for n, m in model.named_children()}
params["C3"] -= int((1 - MASK).sum()) * 25  # weights the connection table leaves out
fig, ax = plt.subplots(figsize=(9, 3.2))
for i, (name, shape) in enumerate(shapes):
    maps = len(shape) == 3 and shape[-1] > 1  # a stack of 2-D feature maps, else a column of units
    x, w = i * 1.9, (shape[-1] / 32 * 1.3 if maps else 0.12)
    h = w if maps else 0.25 + shape[0] / 120 * 1.4
    stack = min(shape[0], 6) if maps else 1
    for k in reversed(range(stack)):
        ax.add_patch(
            plt.Rectangle(
                (x + k * 0.07, 1 - h / 2 + k * 0.07), w, h, facecolor="#c5cae9", edgecolor="#283593", lw=0.8
            )
        )
    dims = (
        f"{shape[0]}@{shape[1]}x{shape[2]}"
        if len(shape) == 3
        else tr(f"{shape[0]} units", f"뉴런 {shape[0]}개")
    )
    if name in params:
        dims += "\n" + tr(f"{params[name]:,} params", f"매개변수 {params[name]:,}개")
    ax.text(x + w / 2 + (stack - 1) * 0.035, -0.05, f"{name}\n{dims}", ha="center", va="top", fontsize=8)
ax.set_xlim(-0.2, len(shapes) * 1.9 - 0.5)
ax.set_ylim(-0.9, 2.1)
ax.axis("off")
print(
    figure_html(
        fig,
        "LeNet-5's layers: each one's output shape for one digit and its number of trained parameters",
        "LeNet-5의 층: 숫자 하나에 대한 각 층의 출력 모양과 학습되는 매개변수 수",
    )
)
