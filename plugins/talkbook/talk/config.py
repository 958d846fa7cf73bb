"""Settings of the ``talkbook/talk`` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TalkSources(opt.ListOfPaths):
    """One talk or a list of talks; each a path relative to mkdocs.yml that must exist."""

    def run_validation(self, value: object):
        return super().run_validation([value] if isinstance(value, str) else value)


class TalkConfig(Config):
    enabled = opt.Type(bool, default=True)

    # The talk: one Markdown file, or a folder whose *.md files are read in name order.
    # A list of them makes a lecture series: each talk its own nav section and deck at /<talk>/slides/.
    source = TalkSources(default=["course/talk.md"])
    # Files of the course folder served beside the chapters (images the talk shows).
    assets = opt.ListOfItems(opt.Type(str), default=["images/**/*", "media/**/*", "files/**/*"])
    # Where the deck lives in the site: /<deck>/ (with several talks, /<talk>/<deck>/).
    deck = opt.Type(str, default="slides")
    # A "Present" button on each chapter page that opens the deck at that chapter.
    present_button = opt.Type(bool, default=True)
    # Extra reveal.js settings merged over talkbook's defaults (see the reference).
    reveal = opt.Type(dict, default={})
    # Build into a staging folder and swap it in only when the whole build succeeded.
    atomic_build = opt.Type(bool, default=True)
    # Raw HTML in the talk that could run script (<script>, on*= handlers, javascript: URLs) is
    # shown as text ("safe"), or kept as written ("trusted": only for talks whose every author you trust).
    raw_html = opt.Choice(("safe", "trusted"), default="safe")
