"""The translation status page: per language, how much is translated, stale and missing,
with links to the files to edit."""

from collections.abc import Callable
from dataclasses import dataclass

from scripts.render import language, views
from scripts.source import i18n

PAGE = "translations/index.md"
TEMPLATE = "scripts/render/templates/translations.md"  # the page's own words, for its edit link


@dataclass(frozen=True)
class _File:
    name: str  # repository path of the overlay
    url: str | None
    counts: dict[str, int]


def page(
    translations: list[i18n.Translation],
    names: dict[str, str],
    edit: Callable[[str], str | None],
    exists: Callable[[str], bool],
) -> str:
    """Markdown of the page; `names` gives each language's own name, `edit` a repository
    file's edit address and `exists` whether a repository file is there to edit."""
    rows = []
    for translation in translations:
        files: dict[str, dict[str, int]] = {}
        for (file, _), state in sorted(translation.status.items()):
            counts = files.setdefault(file, dict.fromkeys(i18n.STATES, 0))
            counts[state] += 1
        files[i18n.INTERFACE] = _interface_counts(translation)
        total = translation.counts()
        overlay = f"data/{i18n.FOLDER}/{translation.lang}/"
        stale = [
            {
                "where": f"{overlay}{file}:{translation.lines[(file, path)]}: {'.'.join(path)}",
                "url": edit(overlay + file),
            }
            for (file, path), state in sorted(translation.status.items())
            if state == i18n.STALE
        ]
        rows.append(
            {
                "code": translation.lang,
                "name": names.get(translation.lang, translation.lang),
                "counts": total,
                "share": round(100 * total[i18n.TRANSLATED] / max(1, sum(total.values()))),
                "files": [
                    _File(
                        overlay + file,
                        edit(overlay + file) if exists(overlay + file) else None,
                        counts,
                    )
                    for file, counts in files.items()
                ],
                "stale": stale,
            }
        )
    return views.render("translations.md", rows=rows)


def _interface_counts(translation: i18n.Translation) -> dict[str, int]:
    """The interface's strings: those the templates and scripts show, translated or not, and
    as out of date those translated for an English text nothing shows any more."""
    used, translated = language.interface_strings(), dict(translation.strings)
    return {
        i18n.TRANSLATED: len(used & translated.keys()),
        i18n.STALE: len(translated.keys() - used),
        i18n.MISSING: len(used - translated.keys()),
    }
