"""Article-level bookkeeping of events: inherited places, attributions, one record per event.

A news story reports the same meeting several times (`sarunās ... Maskavā`, `Haftara
tikšanos ar Putinu`, `pirmā tikšanās kopš 2019.gada`): mentions of one type with the same
participants and no conflicting place or date are one event. A meeting whose clause names
no place took place where its participant last was (`ieradās Maskavā` ... `arī bija
sarunas`), so the place is inherited from the nearest earlier event sharing a participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace


@dataclass
class Draft:
    sentence: int
    trigger: int
    type: str
    status: str | None
    participants: tuple[str, ...]
    place: str | None
    date: str | None
    evidence: tuple[int, int]
    roles: dict[str, str] = field(default_factory=dict)
    quote: str | None = None
    full_quote: bool = False
    attributed_to: list[str] = field(default_factory=list)
    content: tuple[int, int] | None = None  # token range of a statement's content
    speakers: list[str] = field(default_factory=list)  # names or surface text, for attribution


def inherit_places(drafts: Sequence[Draft]) -> None:
    """Meetings without a place take the place of the nearest earlier event of a participant."""
    for k, d in enumerate(drafts):
        if d.type != "MEET" or d.place is not None or d.status in ("negated", "planned"):
            continue
        for prev in reversed(drafts[:k]):
            if (
                prev.type in ("MEET", "TRAVEL")
                and prev.place
                and set(prev.participants) & set(d.participants)
            ):
                d.place = prev.place
                break


def attribute(drafts: list[Draft]) -> list[Draft]:
    """Reporting verbs whose content is another event become that event's attribution.

    `..., paziņoja Haftara spēki un Kremlis` sources the meeting; it is not a news event
    of its own. A statement with a direct quote stays a statement (the words are news).
    """
    kept: list[Draft] = []
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    for d in drafts:
        if d.type != "STATEMENT":
            kept.append(d)
            continue
        others = [o for o in by_sentence[d.sentence] if o.type != "STATEMENT"]
        for o in others:
            for who in d.speakers:
                if who not in o.attributed_to and who not in o.participants:
                    o.attributed_to.append(who)
        if d.full_quote or not others:
            kept.append(d)
    return kept


def merge(drafts: Sequence[Draft]) -> list[Draft]:
    """One draft per event: later mentions fill the place, date, quote of the first."""
    out: list[Draft] = []
    for d in drafts:
        for o in out:
            if _same(o, d):
                o.place = o.place or d.place
                o.date = o.date or d.date
                o.quote = o.quote or d.quote
                for who in d.attributed_to:
                    if who not in o.attributed_to:
                        o.attributed_to.append(who)
                o.roles = {**d.roles, **o.roles}
                break
        else:
            out.append(replace(d, attributed_to=list(d.attributed_to), roles=dict(d.roles)))
    return out


def _same(a: Draft, b: Draft) -> bool:
    if a.type != b.type or a.participants != b.participants or a.status != b.status:
        return False
    if a.type == "STATEMENT" and a.sentence != b.sentence:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return not (a.date and b.date and a.date != b.date)
