"""Figure for docs/your-chapter.md: the two spreads (session "your-chapter").

Template figure file (tools/chapter_template/): it runs in the snippet's markdown-exec
session, so it reads the snippet's variables; labels go through tr("English", "한국어"),
and figure_html() prints the inline SVG with a title in the page's language.
"""

# ruff: noqa: F821  (the names come from the snippet's session; in snippets/figures/ pyproject.toml says so)
import matplotlib.pyplot as plt
from thaw_figure import figure_html, tr

fig, ax = plt.subplots(figsize=(6.4, 3.0))
ax.bar([tr("one measurement", "측정 한 번"), tr(f"mean of {N}", f"{N}번의 평균")], [single, averaged])
ax.set_ylabel(tr("spread (standard deviation)", "퍼짐(표준편차)"))
print(
    figure_html(
        fig,
        f"The spread of one measurement and of a mean of {N}",
        f"측정 한 번과 {N}번 평균의 퍼짐",
    )
)
