"""Keep notebook pages in both language builds (the Korean one too).

mkdocs-jupyter marks notebooks as pages by wrapping their File (NotebookFile); the i18n
plugin then replaces every File with a plain one for each language, and the notebooks
would be copied as static files. This hook wraps them again, keeping the language's
destination (ko/notebooks/... in the Korean build). Its priority is in mkdocs.yml's table.
"""

import os
import posixpath

from mkdocs.plugins import event_priority
from mkdocs_jupyter.plugin import NotebookFile


@event_priority(-200)  # after mkdocs-static-i18n's on_files (-100), which rebuilds every File plainly
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    language = i18n.current_language if i18n else None
    prefix = "" if not i18n or language == i18n.default_language else f"{language}/"
    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookFile)]:
        page = NotebookFile(file, config["use_directory_urls"], config["site_dir"])
        stem = posixpath.splitext(file.src_uri)[0]
        page.dest_path = f"{prefix}{stem}/index.html"
        page.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], page.dest_path))
        page.url = f"{prefix}{stem}/"
        files.remove(file)  # in place: the i18n plugin's Files subclass resolves page.ko.md links
        files.append(page)
    return files
