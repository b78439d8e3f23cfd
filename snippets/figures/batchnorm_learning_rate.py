"""Figure for docs/why-spring-came.md: batch norm at two learning rates (session "batchnorm")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.2))
x = range(len(lrs))
ax.bar([i - 0.2 for i in x], plain, width=0.4, label=tr("no batch norm", "배치 정규화 없음"), color="#999999")
ax.bar([i + 0.2 for i in x], with_bn, width=0.4, label=tr("batch norm", "배치 정규화"), color="#3f51b5")
ax.axhline(0.1, color="black", linestyle="--", label=tr("chance", "우연 수준"))
ax.set_xticks(list(x), [tr(f"learning rate {lr}", f"학습률 {lr}") for lr in lrs])
ax.set_ylabel(tr("test accuracy", "테스트 정확도"))
ax.set_ylim(0, 1)
ax.legend(loc="upper left", fontsize="small")
print(
    figure_html(
        fig,
        "Test accuracy of a 10-layer ReLU network with and without batch norm at two learning rates",
        "두 학습률에서 배치 정규화가 있을 때와 없을 때 10층 ReLU 신경망의 테스트 정확도",
    )
)
