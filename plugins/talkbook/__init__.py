"""talkbook: one Markdown talk becomes a course site of chapters and a slide deck.

The package holds framework-agnostic cores (``talkbook.talk.model``,
``talkbook.models.store``, ...) and thin MkDocs adapters over them
(``talkbook.talk.plugin`` and friends), one plugin per job.
"""

__version__ = "0.1.0"
