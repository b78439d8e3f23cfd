"""Figure for docs/why-spring-came.md: deep nets without pretraining (session "relu-he")."""

import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.0))
ax.barh(
    [tr("sigmoid, small init", "시그모이드, 작은 초기 가중치"), tr("ReLU, He init", "ReLU, He 초기화")],
    [sigmoid_small, relu_he],
    color=["#999999", "#3f51b5"],
)
ax.axvline(0.1, color="black", linestyle="--", label=tr("chance (0.1)", "우연 수준(0.1)"))
ax.set_xlim(0, 1)
ax.set_xlabel(
    tr(
        f"test accuracy after {EPOCHS} epochs, {DEPTH} hidden layers, no pretraining",
        f"{EPOCHS}에포크 뒤 테스트 정확도, 은닉층 {DEPTH}개, 사전학습 없음",
    )
)
ax.legend(loc="lower right")
print(
    figure_html(
        fig,
        "Test accuracy of a deep sigmoid network and a deep ReLU network, both without pretraining",
        "사전학습 없이 학습한 깊은 시그모이드 신경망과 깊은 ReLU 신경망의 테스트 정확도",
    )
)
