"""Read per-slide options: ``{#id .class layout=center background=#223 transition=fade}``."""

from __future__ import annotations

import re

from talkbook.talk.model import LAYOUTS, TRANSITIONS, Location, SlideOptions
from talkbook.talk.sources import check_local_path, looks_like_image

_TOKEN = re.compile(r"""\s*(?:#(?P<id>[^\s.#=]+)|\.(?P<cls>[\w-]+)|(?P<key>[\w-]+)=(?P<value>"[^"]*"|'[^']*'|[^\s"']+))""")
_ID = re.compile(r"^[A-Za-z][\w-]*$")
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([^()]*\)|[a-zA-Z]+)$")
KEYS = ("layout", "background", "transition")


def parse_options(raw: str, location: Location) -> SlideOptions:
    options = SlideOptions()
    classes: list[str] = []
    position = 0
    raw = raw.rstrip()
    while position < len(raw):
        match = _TOKEN.match(raw, position)
        if not match:
            rest = raw[position:].strip()
            raise location.error(f"cannot read slide option '{rest}' (write '#id', '.class' or 'key=value')")
        position = match.end()
        if match.group("id"):
            options.id = _parse_id(match.group("id"), location)
        elif match.group("cls"):
            classes.append(match.group("cls"))
        else:
            _set_option(options, match.group("key"), match.group("value").strip("\"'"), location)
    options.classes = tuple(classes)
    return options


def _parse_id(value: str, location: Location) -> str:
    if not _ID.match(value):
        raise location.error(f"slide id '#{value}' must start with a letter and hold only letters, digits, '-' and '_'")
    if len(value) > 80:  # ids name folders (see ids.MAX_SLUG)
        raise location.error(f"slide id '#{value[:20]}…' is {len(value)} characters long; at most 80")
    return value


def _set_option(options: SlideOptions, key: str, value: str, location: Location) -> None:
    if key == "layout":
        if value not in LAYOUTS:
            raise location.error(f"unknown layout '{value}' (layouts: {', '.join(LAYOUTS)})")
        options.layout = value
    elif key == "transition":
        if value not in TRANSITIONS:
            raise location.error(f"unknown transition '{value}' (transitions: {', '.join(TRANSITIONS)})")
        options.transition = value
    elif key == "background":
        if looks_like_image(value):
            options.background_image = check_local_path(value, location)
        elif _COLOUR.match(value):
            options.background = value
        else:
            raise location.error(f"background '{value}' is neither a colour nor an image file")
    else:
        raise location.error(f"unknown slide option '{key}' (options: {', '.join(KEYS)}, #id, .class)")
