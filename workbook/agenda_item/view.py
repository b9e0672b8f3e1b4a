"""The agenda item's text (dagsordenspunkt), as Danish agenda items have it: pure, catalog + meeting in.

Sections: Beslutningstema, Indstilling, Sagsfremstilling, Retsgrundlag, Økonomi, Inddragelse,
Videre proces, Bilag. The Word file and the plain text are written from this one model.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbook import danish
from workbook.content.model import Catalog, Decision
from workbook.guide.legal import LegalPlan
from workbook.guide.wording import (
    COUNCIL,
    decision_clause,
    forum_in_sentence,
    join_words,
)
from workbook.meeting.load import Meeting
from workbook.meeting.plan import SelectedTheme, select_themes

#: What the author completes: printed in brackets so it cannot be missed.
TODO_ECONOMY = ("[Udfyldes af forvaltningen: Har drøftelsen eller forslagene økonomiske konsekvenser? "
                "Nævn beløb, finansiering og hvilket budgetområde det vedrører – eller skriv, at punktet "
                "ikke har økonomiske konsekvenser.]")
TODO_MED = ("[Udfyldes af forvaltningen: Er MED-udvalget orienteret eller hørt om samspillet mellem "
            "ansatte og frivillige? Hvornår, og hvad blev sagt?]")
TODO_CIVIL = ("[Udfyldes af forvaltningen: Hvordan er civilsamfundet – frivillige, foreninger og "
              "socialøkonomiske virksomheder – inddraget før punktet, og hvordan inddrages de bagefter?]")
TODO_REPORT_DATE = "[dato for statusrapporten]"
#: Provisions named per legal topic in Retsgrundlag.
RETSGRUNDLAG_MAX = 3

ATTACHMENTS = (
    "Drøftelsesguide (droeftelsesguide.pdf)",
    "Bilag A: Juridiske spørgsmål og svar (juridisk-bilag.pdf)",
    "Drøftelsesguide, kort mødeudgave (droeftelsesguide-kort.pdf)",
    "Selvevaluering (selvevaluering.xlsx)",
)


@dataclass(frozen=True)
class Block:
    """A paragraph, a numbered or bulleted list, or text the author must complete."""

    kind: str
    """``p``, ``numbered``, ``bullets`` or ``todo``."""
    texts: tuple[str, ...]
    lead: str = ""
    """Bold run-in heading of a paragraph (a theme's title in Sagsfremstilling)."""


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class AgendaItem:
    title: str
    municipality: str
    forum: str
    meeting_line: str
    """``Social- og Sundhedsudvalget, onsdag den 10. marts 2027``."""
    sections: tuple[Section, ...]


def _who(kind: str) -> str:
    return "kommunalbestyrelsen" if kind == COUNCIL else "udvalget"


def _proposals(meeting: Meeting, catalog: Catalog) -> list[Decision]:
    """The decisions the meeting file's ``indstilling`` chooses (the meeting loader checks the ids)."""
    found = (catalog.get(i) for i in meeting.proposals)
    return [d for d in found if isinstance(d, Decision)]


def indstilling(meeting: Meeting, catalog: Catalog, selected: tuple[SelectedTheme, ...]) -> Section:
    """"Forvaltningen indstiller, at udvalget 1. drøfter …, 2. beslutter …"."""
    kind = meeting.forum_kind
    titles = join_words([f"»{s.theme.title}«" for s in selected])
    items = [f"drøfter {'temaet' if len(selected) == 1 else 'temaerne'} {titles} ud fra spørgsmålene i "
             "drøftelsesguiden"]
    proposals = _proposals(meeting, catalog)
    if proposals:
        items += [decision_clause(d, kind) for d in proposals]
    else:
        items.append("tager stilling til forslagene til beslutninger i drøftelsesguiden")
    items = [f"{text}," if i < len(items) - 2 else f"{text} og" if i == len(items) - 2 else f"{text}."
             for i, text in enumerate(items)]
    return Section("Indstilling", (Block("p", (f"Forvaltningen indstiller, at {_who(kind)}",)),
                                   Block("numbered", tuple(items))))


def sagsfremstilling(meeting: Meeting, selected: tuple[SelectedTheme, ...]) -> Section:
    """Per theme: what it is about and what the meeting is asked to discuss, in a few sentences."""
    blocks = [Block("p", (
        f"{meeting.forum} drøfter på mødet {danish.count_word(len(selected), 'tema', 'temaer', neuter=True)} om "
        "velfærdsalliancer – samarbejdet mellem kommunen, borgerne, frivillige, foreninger og "
        "virksomheder om velfærden. Drøftelsesguiden samler baggrund, regler, spørgsmål og forslag "
        "til beslutninger for hvert tema.",))]
    for chosen in selected:
        theme = chosen.theme
        first = theme.questions[0].text if theme.questions else ""
        text = f"{theme.summary} Drøftelsen ({danish.minutes(chosen.minutes)}) tager udgangspunkt i " \
               f"{danish.count_word(len(theme.questions), 'spørgsmål', 'spørgsmål', neuter=True)}"
        text += f", fx: {first}" if first else "."
        if theme.decisions:
            proposals = danish.count_word(len(theme.decisions), "forslag", "forslag", neuter=True)
            text += f" Guiden har {proposals} til beslutninger."
        blocks.append(Block("p", (text,), lead=f"Tema {chosen.number}: {theme.title}."))
    return Section("Sagsfremstilling", tuple(blocks))


def retsgrundlag(meeting: Meeting, catalog: Catalog, selected: tuple[SelectedTheme, ...]) -> Section:
    """The legal topics of the themes, each with its hjemmel, shortly."""
    plan = LegalPlan(catalog, [s.theme for s in selected], meeting.area, meeting.date)
    lines = []
    for topic in plan.topics:
        # The first hjemmel of each answer, grouped by act, the first few acts: Bilag A has the rest.
        by_act: dict[str, list[str]] = {}
        for answer in plan.answers[topic.id]:
            first = answer.hjemmel[0]
            provisions = by_act.setdefault(first.label.removesuffix(first.provision).strip(), [])
            if first.provision and first.provision not in provisions:
                provisions.append(first.provision)
        acts = [f"{act} {join_words(provisions)}".strip() for act, provisions in by_act.items()]
        text = "; ".join(acts[:RETSGRUNDLAG_MAX])
        lines.append(f"{topic.title}: {text}{' m.fl.' if len(acts) > RETSGRUNDLAG_MAX else '.'}")
    intro = ("Temaerne berører disse regler. Bilag A (juridisk-bilag.pdf) gennemgår de juridiske spørgsmål "
             "med hjemmel; guiden er vejledende og ikke juridisk rådgivning.")
    if not lines:
        return Section("Retsgrundlag", (Block("p", ("Punktet er en politisk drøftelse uden særlige "
                                                    "juridiske spørgsmål.",)),))
    return Section("Retsgrundlag", (Block("p", (intro,)), Block("bullets", tuple(lines))))


def build_agenda_item(meeting: Meeting, catalog: Catalog) -> AgendaItem:
    """Compute the agenda item for ``meeting``."""
    selected = select_themes(meeting, catalog)
    kind = meeting.forum_kind
    forum = forum_in_sentence(meeting)
    titles = join_words([f"»{s.theme.title}«" for s in selected])
    theme = (
        f"{meeting.forum} drøfter velfærdsalliancer ud fra drøftelsesguiden: {titles}. "
        f"Drøftelsen skal give {_who(kind)}s bud "
        "på, hvordan kommunen samarbejder med civilsamfundet, og hvilke beslutninger der skal følge.")
    process = (
        "Efter mødet udfylder ledere og udvalgsmedlemmer selvevalueringen (Excel-arket) med de samme "
        "udsagn og numre som i guiden. Forvaltningen samler svarene i en statusrapport med handleplan, "
        f"som forelægges {forum} {TODO_REPORT_DATE}.")
    sections = (
        Section("Beslutningstema", (Block("p", (theme,)),)),
        indstilling(meeting, catalog, selected),
        sagsfremstilling(meeting, selected),
        retsgrundlag(meeting, catalog, selected),
        Section("Økonomi", (Block("todo", (TODO_ECONOMY,)),)),
        Section("Inddragelse", (Block("todo", (TODO_MED,), lead="MED."),
                                Block("todo", (TODO_CIVIL,), lead="Civilsamfundet."))),
        Section("Videre proces", (Block("p", (process,)),)),
        Section("Bilag", (Block("numbered", ATTACHMENTS),)),
    )
    return AgendaItem(title=meeting.title, municipality=meeting.municipality, forum=meeting.forum,
                      meeting_line=f"{meeting.forum}, {danish.date(meeting.date, weekday=True)}",
                      sections=sections)
