"""Give the Korean edition its own copy of the sitemap.

Material's instant navigation fetches the sitemap of each language in the switcher
(extra.alternate) to keep the reader on the same page when switching. mkdocs-static-i18n
writes one sitemap, for both languages, at the site root; the Korean root (ko/) needs it too.
"""

import shutil
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-200)  # after the i18n plugin has built the Korean edition
def on_post_build(config):
    site = Path(config["site_dir"])
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).is_file() and (site / "ko").is_dir():
            shutil.copyfile(site / name, site / "ko" / name)
