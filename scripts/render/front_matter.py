"""YAML front matter, read and written by libyaml (the C extension in PyYAML's wheels).

Every page's front matter is read and written again about three times a build (its
edit link, its link preview, the status page), and PyYAML's pure-Python parser and
emitter took a fifth of the generator's time doing it. libyaml writes the same text and
reads the same values; only its error messages are vaguer, so a page whose front matter
does not parse is read again by PyYAML for the message.
"""

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load(text: str) -> object:
    """What yaml.safe_load(text) returns, or the yaml.YAMLError it raises."""
    try:
        return yaml.load(str(text), Loader=_LOADER)  # noqa: S506 (libyaml reads only str, not Markup)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def dump(data: dict) -> str:
    """Front matter's YAML text: keys in their order, text as it is, no wrapped lines."""
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
