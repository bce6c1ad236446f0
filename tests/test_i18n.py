"""Translation overlays: per-field fallback, stamping, stale detection and overlay errors."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts.render import language, views
from scripts.source import i18n
from scripts.source.load import load_model
from scripts.source.problems import ModelError
from scripts.source.validate import SCHEMAS
from tests.conftest import ROOT, edit, line_of


def unstamped(data: Path) -> Path:
    """The fixture data with the `source` lines of its overlays taken out."""
    for path in (data / "i18n").rglob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if "source:" not in line), encoding="utf-8")
    return data


MEETINGS = ("areas/meetings.yml",)


@pytest.fixture
def spanish(data: Path) -> Path:
    """Fixture data with its partial Spanish overlay, tests/fixtures/data/i18n/es."""
    return data


def overlay(data: Path, name: str = "areas/meetings.yml") -> Path:
    return data / "i18n" / "es" / name


def errors(data: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        i18n.load_translation(load_model(data), data, "es")
    return [str(p) for p in caught.value.problems]


def test_translated_fields_replace_english_and_every_other_field_falls_back(spanish: Path):
    english = load_model(spanish)
    translation = i18n.load_translation(english, spanish, "es")
    meetings, original = translation.model.area("meetings"), english.area("meetings")
    assert meetings.title == "Reuniones"
    assert meetings.cell(0).summary.startswith("El calendario manda")
    assert meetings.cell(0).practices[0].text.startswith("Los calendarios están llenos")
    # The next practice of the same cell, and the area's summary, are not translated.
    assert meetings.cell(0).practices[1] == original.cell(0).practices[1]
    assert meetings.summary == original.summary
    assert translation.model.area("documentation") == english.area("documentation")
    assert translation.model.channels[0].name == "Chat"
    assert translation.warnings == ()
    assert translation.counts()["translated"] == 4
    assert translation.counts()["missing"] == len(i18n.english_fields(english)) - 4


def test_stamping_writes_the_english_fingerprint_above_the_text_and_keeps_comments(data: Path):
    unstamped(data)
    model = load_model(data)
    stamped = i18n.stamp(model, data, "es", [])
    assert len(stamped) == 4
    text = overlay(data).read_text(encoding="utf-8")
    assert text.startswith("# A partial overlay")
    summary = i18n.fingerprint(model.area("meetings").cell(0).summary)
    assert f"    summary:\n      source: {summary}\n      text: >-\n" in text
    assert i18n.stamp(model, data, "es", []) == []  # nothing left without a source


def test_an_english_edit_marks_exactly_that_field_stale_with_its_line(spanish: Path):
    area = spanish / "areas" / "meetings.yml"
    edit(area, "and most of them are about status.", "and most of them report status.")
    translation = i18n.load_translation(load_model(spanish), spanish, "es")
    stale = [key for key, state in translation.status.items() if state == i18n.STALE]
    assert stale == [
        ("areas/meetings.yml", ("levels", "0", "practices", "calendars-full-recurring"))
    ]
    assert translation.cell_stale("meetings", 0)
    assert not translation.cell_stale("meetings", 1)
    line = line_of(overlay(spanish), "calendars-full-recurring:")
    assert [str(w) for w in translation.warnings] == [
        f"data/i18n/es/areas/meetings.yml:{line}: levels.0.practices.calendars-full-recurring: "
        "translates an earlier English text of data/areas/meetings.yml; update it, then run "
        "`python -m scripts.cli i18n stamp es "
        "areas/meetings.yml:levels.0.practices.calendars-full-recurring`"
    ]
    # The stale translation is still shown: it is likely closer than nothing.
    practice = translation.model.area("meetings").cell(0).practices[0]
    assert practice.text.startswith("Los calendarios")


def test_rewrapping_the_english_does_not_make_translations_stale(spanish: Path):
    area = spanish / "areas" / "meetings.yml"
    edit(
        area,
        "all wait for the next call.\n      Projects",
        "all wait for\n      the next call. Projects",
    )
    translation = i18n.load_translation(load_model(spanish), spanish, "es")
    assert translation.warnings == ()


def test_stamping_a_named_field_clears_its_staleness_and_only_its_own(spanish: Path):
    area = spanish / "areas" / "meetings.yml"
    edit(area, "and most of them are about status.", "and most of them report status.")
    edit(area, "title: Meetings", "title: Meetings and calls")
    model = load_model(spanish)
    field = "areas/meetings.yml:levels.0.practices.calendars-full-recurring"
    assert len(i18n.stamp(model, spanish, "es", [field])) == 1
    translation = i18n.load_translation(model, spanish, "es")
    assert [w.where for w in translation.warnings] == ["title"]


def test_a_field_without_source_is_stale_and_says_to_stamp_it(spanish: Path):
    edit(
        overlay(spanish),
        "title:\n",
        "summary:\n  text: Cuándo y cómo se reúne el equipo.\ntitle:\n",
    )
    translation = i18n.load_translation(load_model(spanish), spanish, "es")
    assert [w.where for w in translation.warnings] == ["summary"]
    assert "has no `source` yet" in translation.warnings[0].message


def test_overlay_mistakes_are_errors_on_their_lines(spanish: Path):
    path = overlay(spanish)
    edit(path, "title:\n", "titel:\n  text: Reuniones\ntitle:\n")
    edit(path, "    practices:\n", "    practices:\n      no-such-practice:\n        text: Nada.\n")
    channels = overlay(spanish, "guide/channels.yml")
    edit(channels, "  chat:\n", "  chat:\n    tips:\n      text: Un consejo.\n")
    (overlay(spanish, "areas/no-such-area.yml")).write_text("title:\n  text: X\n")
    name = "data/i18n/es/areas/meetings.yml"
    assert errors(spanish) == [
        f"{name}:{line_of(path, 'titel')}: titel: is not a translatable field of the English file; "
        "use one of levels, summary, title, why",
        f"{name}:{line_of(path, 'no-such-practice')}: levels.0.practices.no-such-practice: is not a "
        "translatable field of the English file; use one of calendars-full-recurring, "
        "colleagues-far-off, gatherings-they-happen, meetings-rarely-have, new-project-begins",
        "data/i18n/es/areas/no-such-area.yml:1: translates no English file; use areas/decision-making.yml, "
        "areas/documentation.yml, areas/leadership-culture.yml, areas/meetings.yml, areas/work-tracking.yml, "
        "guide/channels.yml, guide/principles.yml, model.yml",
        f"data/i18n/es/guide/channels.yml:{line_of(channels, 'Un consejo')}: channels.chat.tips.text: "
        "must be a list of texts",
    ]


def test_a_translation_must_link_where_the_english_links(spanish: Path):
    path = overlay(spanish)
    edit(path, "title:\n", "why:\n  text: Ver [la guía](https://example.org/otra).\ntitle:\n")
    assert errors(spanish) == [
        f"data/i18n/es/areas/meetings.yml:{line_of(path, 'la guía')}: why.text: links to "
        "'https://example.org/otra'; the English links to nothing: keep the same targets"
    ]


def test_a_translation_of_the_wrong_type_or_with_html_is_an_error(spanish: Path):
    path = overlay(spanish)
    edit(path, "  text: Reuniones", "  text: [Reuniones]")
    edit(path, "El calendario manda", "El <b>calendario</b> manda")
    found = errors(spanish)
    assert (
        found[0]
        == f"data/i18n/es/areas/meetings.yml:{line_of(path, '[Reuniones]')}: title.text: must be a text, as in English"
    )
    assert "must not contain HTML" in found[1]
    assert len(found) == 2


def test_an_overlay_of_comments_only_translates_nothing(spanish: Path):
    overlay(spanish, "model.yml").write_text("# to do\n")
    translation = i18n.load_translation(load_model(spanish), spanish, "es")
    assert translation.counts()["translated"] == 4


def test_a_fingerprint_yaml_would_read_as_a_number_is_stamped_in_quotes(
    data: Path, monkeypatch: pytest.MonkeyPatch
):
    unstamped(data)
    monkeypatch.setattr(i18n, "fingerprint", lambda english: "1e345678")
    i18n.stamp(load_model(data), data, "es", [])
    assert '  source: "1e345678"\n' in overlay(data).read_text(encoding="utf-8")
    assert i18n.load_translation(load_model(data), data, "es").warnings == ()


def test_the_shipped_overlays_follow_their_schema():
    schema = json.loads((SCHEMAS / "overlay.schema.json").read_text(encoding="utf-8"))
    overlays = [p for p in (ROOT / "data" / "i18n").rglob("*.yml") if p.name != i18n.INTERFACE]
    assert len(overlays) > 8
    for path in overlays:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), path


# ---------------------------------------------------------------- the interface strings


def test_every_string_of_the_templates_and_scripts_has_a_spanish_entry():
    """Every `_()` of the templates and theme.py and every t("...") of the browser modules:
    a text added without its Spanish shows in English on the Spanish site."""
    strings, _ = i18n.read_interface(ROOT / "data", "es")
    used = language.interface_strings()
    assert language.script_strings() <= used
    assert len(language.script_strings()) > 5
    assert sorted(used - dict(strings).keys()) == []


def test_script_strings_are_the_t_calls_of_the_modules_and_not_their_comments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "a.js").write_text(
        '// t("Only a comment") names no text\n'
        'el("p", {}, t("Saved {count} answers", {count}), ...tParts("Spread {x}", {x}));\n'
        'const said = t("Say \\"hi\\""), parts = tParts("Loaded {file}.", { file });\n'
        'const not = at("Not a call"), other = text.t("Nor this");\n'
        "say(t('must look like {\"reason\": \"…\"}'), t('it\\'s'));\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(language, "SCRIPTS", tmp_path)
    assert language.script_strings() == {
        "Saved {count} answers",
        "Spread {x}",
        'Say "hi"',
        "Loaded {file}.",
        'must look like {"reason": "…"}',
        "it's",
    }
    spanish = language.Language(
        "es", (("Saved {count} answers", "{count} respuestas guardadas"), ("Level", "Nivel"))
    )
    with language.using(spanish):
        assert language.script_table() == {"Saved {count} answers": "{count} respuestas guardadas"}


def test_an_interface_translation_keeps_the_englishs_placeholders(data: Path):
    path = overlay(data, i18n.INTERFACE)
    path.write_text(
        "Read about {area}: Más sobre {área}\n"
        '"{day} {month} {year}": "{day} de {month} de {year}"\n'
        "Level: Nivel {level}\n",
        encoding="utf-8",
    )
    assert errors(data) == [
        "data/i18n/es/interface.yml:1: Read about {area}: must hold {area}, as the English "
        "does, not {área}",
        "data/i18n/es/interface.yml:3: Level: must hold no {name}, as the English does, not {level}",
    ]


def test_the_credits_read_in_the_language_holder_and_joining_words_too(spanish: Path):
    """The one-pager and the assessment print `model.copyright` and each source's relation
    to the one before it: a Spanish page must not say "itself adapted from"."""
    english = load_model(spanish)
    with overlay(spanish, "model.yml").open("a", encoding="utf-8") as stream:
        stream.write(
            "copyright:\n  text: Las personas que contribuyen\n"
            "sources:\n  1:\n    relation:\n      text: que a su vez adapta\n"
        )
    translated = i18n.load_translation(english, spanish, "es").model
    assert translated.copyright == "Las personas que contribuyen"
    assert translated.sources[0] == english.sources[0]  # no relation: nothing to translate
    credits = str(views.credits(translated))
    assert "que a su vez adapta <cite>" in credits
    assert english.sources[1].relation not in credits
