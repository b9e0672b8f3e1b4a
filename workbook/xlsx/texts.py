"""The Danish wording of the self-assessment workbook: guidance, scale meanings, cell messages."""

from __future__ import annotations

from workbook import danish
from workbook.xlsx.layout import SCALE, SCALE_WEIGHTS

TITLE = "Selvevaluering: velfærdsalliancer"

PURPOSE = (
    "Selvevalueringen giver et fælles billede af, hvor langt kommunen er med velfærdsalliancer "
    "inden for de temaer, der drøftes på mødet. Den er et udgangspunkt for drøftelsen og for en "
    "handleplan, ikke en eksamen. Svar ærligt: et »Nej« eller »Ved ikke« er lige så nyttigt "
    "som et »Ja«, fordi det viser, hvor der er brug for en indsats."
)

STEPS: tuple[str, ...] = (
    "Skriv dit navn, din rolle eller afdeling og dagens dato i de gule felter ovenfor.",
    "Gå til arkene for temaerne (fanerne forneden). Numrene svarer til numrene i drøftelsesguiden.",
    "Vælg et svar til hvert udsagn i kolonnen »Svar«. "
    "Kolonnen »Hjælp« siger, hvad du kan se efter, og ofte også, hvad »Ja« og »Delvist« betyder "
    "for netop det udsagn.",
    "Vælg en prioritet, hvis der skal handles, og skriv gerne, hvem der er ansvarlig, "
    "en frist og en bemærkning.",
    "Se resultatet på arket »Overblik«. Det regnes ud af sig selv, mens du udfylder.",
    "Gem filen, og send den til mødets kontaktperson: {contact}.",
)

LOCK_NOTE = (
    "Kun de gule felter kan udfyldes. Resten er låst (uden adgangskode), så svarene kan læses "
    "automatisk og samles i en statusrapport. Omdøb ikke arkene, og ret ikke i kolonnen »Id«."
)

#: What each answer means, in the order of ``SCALE``.
SCALE_MEANINGS: dict[str, str] = {
    "Ja": "Det er på plads og virker i praksis.",
    "Delvist": "Noget er på plads, men ikke det hele, eller det virker ikke alle steder.",
    "Nej": "Det er ikke på plads.",
    "Ved ikke": "Du ved det ikke. Også det er et nyttigt svar: det viser, hvor der mangler viden.",
    "Ikke relevant": "Udsagnet passer ikke til jeres område. Tæller ikke med i parathed.",
}
assert tuple(SCALE_MEANINGS) == SCALE

PRIORITY_MEANINGS: dict[str, str] = {
    "Høj": "Bør tages op inden for det næste halve år.",
    "Mellem": "Bør tages op inden for det næste år.",
    "Lav": "Kan vente, eller er godt at have.",
}


def readiness_text() -> str:
    """Return how the readiness score is computed, from ``SCALE_WEIGHTS``."""
    counted = [a for a in SCALE if SCALE_WEIGHTS[a] is not None]
    skipped = [a for a in SCALE if SCALE_WEIGHTS[a] is None]
    weights = ", ".join(f"{a} {danish.number(SCALE_WEIGHTS[a])}" for a in counted)
    return (
        f"Parathed: hvert svar giver point ({weights}). Parathed er pointene delt med antallet af "
        f"besvarede udsagn{' uden ' + ' og '.join(skipped) if skipped else ''}. "
        "100 % betyder, at alt er på plads."
    )


OVERVIEW_EXPLANATION: tuple[str, ...] = (
    "Andel ja: antal »Ja« delt med antal besvarede udsagn.",
    readiness_text(),
    "Et tema uden besvarede udsagn står tomt. Ubesvaret tæller de tomme svarfelter og svar, "
    "der ikke står på svarskalaen (de har rød kant i temaarket).",
)

SECTION_MEETING = "Om mødet"
SECTION_RESPONDENT = "Udfyldt af"
SECTION_PURPOSE = "Formål"
SECTION_HOWTO = "Sådan udfylder du arket"
SECTION_SCALE = "Svarskalaen"
SECTION_PRIORITY = "Prioritet"
SECTION_OVERVIEW = "Sådan regnes overblikket ud"
SECTION_THEMES = "Temaer i denne selvevaluering"

LABEL_MUNICIPALITY = "Kommune"
LABEL_FORUM = "Forum"
LABEL_MEETING = "Møde"
LABEL_MEETING_DATE = "Mødedato"
LABEL_CATALOG = "Indholdskatalog"
LABEL_CONTACT = "Kontaktperson"

THEME_INSTRUCTION = (
    "Udfyld de gule felter. Vælg svar og prioritet i listerne; "
    "hold markøren over et felt for hjælp."
)

OVERVIEW_TITLE = "Overblik"
OVERVIEW_FILLED_BY = "Udfyldt af"
OVERVIEW_HEADERS = ("Tema", "Udsagn", *SCALE, "Ubesvaret", "Andel ja", "Parathed")
OVERVIEW_TOTAL = "I alt"
CHART_TITLE = "Parathed pr. tema"

# Data validation messages (Excel limits: title ≤ 32 characters, text ≤ 255).
ANSWER_PROMPT = ("Svar", "Vælg i listen: " + ", ".join(SCALE[:-1]) + " eller " + SCALE[-1] + ".")
ANSWER_ERROR = (
    "Ugyldigt svar",
    "Vælg et svar i listen: " + ", ".join(SCALE[:-1]) + " eller " + SCALE[-1] + ".",
)
PRIORITY_PROMPT = ("Prioritet", "Hvis der skal handles: vælg Høj, Mellem eller Lav.")
PRIORITY_ERROR = ("Ugyldig prioritet", "Vælg Høj, Mellem eller Lav i listen.")
OWNER_PROMPT = ("Ansvarlig", "Hvem følger op? Navn, funktion eller afdeling.")
DEADLINE_PROMPT = ("Frist", f"Skriv en dato, fx {danish.DATE_EXAMPLE}.")
DEADLINE_ERROR = ("Ugyldig dato", f"Skriv en dato mellem 2000 og 2100, fx {danish.DATE_EXAMPLE}.")
COMMENT_PROMPT = ("Bemærkning", "Uddyb gerne dit svar: hvad er på plads, og hvad mangler?")
TEXT_ERROR = ("For lang tekst", "Teksten må højst være {max} tegn.")
RESPONDENT_PROMPTS: dict[str, tuple[str, str]] = {
    "Navn": ("Navn", "Skriv dit navn."),
    "Rolle / afdeling": ("Rolle / afdeling", "Skriv din rolle, fx leder, og din afdeling."),
    "Gruppe": ("Gruppe", "Fx politiker, leder, medarbejder, partner eller frivillig."),
    "Dato": ("Dato", f"Skriv datoen, du udfylder arket, fx {danish.DATE_EXAMPLE}."),
}

LISTS_HEADERS = ("Svarskala", "Prioriteter")

HEADER_RIGHT = "Selvevaluering – &A"
FOOTER_CENTER = "Side &P af &N"
FOOTER_LEFT = "Katalog {version}"

# Messages for the user (raised as OutputError / CatalogError).
REFUSE_ANSWERS = (
    "{path}: filen indeholder allerede svar (fx {where}) og overskrives ikke. "
    "Brug --force for at skrive et nyt ark; de gamle svar gemmes da i en sikkerhedskopi."
)
REFUSE_UNREADABLE = (
    "{path}: filen findes, men kan ikke læses som en selvevaluering ({reason}), "
    "så den overskrives ikke. "
    "Brug --force for at skrive et nyt ark; den gamle fil gemmes da i en sikkerhedskopi."
)
RESERVED_SHEET = (
    "temaet '{theme}': den korte titel '{name}' er navnet på et af selvevalueringens faste ark; "
    "giv temaet en anden 'short_title'"
)

#: The longest value a message echoes; a longer one is cut and ends in "…".
ECHO_MAX = 80


def shorten(value: object, limit: int = ECHO_MAX) -> str:
    """Return ``value`` as one line of at most ``limit`` characters, cut with "…" when longer."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
