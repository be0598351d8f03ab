"""Lists of people as the blog types them: authors before the year, editors after "In".

Pure functions. Authors come family name first ("Hollon, S.D. & Beck, A.T."),
editors of a book initials first ("In M.E. Lambert (Ed.)"). The slips the blog
really has are read the intended way and said so: no space after "&", a comma
missing between two authors ("Watson, J. Timulak, L."), an elided list
("Yadin, E… Peterson, A.", ". . . Barbui, C.", "Zwerenz, R. et al.") of which
the listed people are kept and the list is marked incomplete, never a name
made of the dots. A person written without initials is kept as written and
reported, never given initials.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# One author's initials: "J.", "J. P.", "J.P.", "JP", "J.-P.", "Ch."
INITIALS = re.compile(r"(?:[A-ZÀ-ÖØ-Þ](?:[a-z]\.|\.)?\s*-?\s*)+")
INITIAL = re.compile(r"([A-ZÀ-ÖØ-Þ](?:[a-z](?=\.))?)\.?\s*(-)?\s*")
# "J. Timulak": initials run into the next family name (a comma was left out)
INITIALS_THEN_NAME = re.compile(r"(?P<initials>(?:[A-ZÀ-ÖØ-Þ]\.\s*-?\s*)+)\s*"
                                r"(?P<family>[A-ZÀ-ÖØ-Þ][^\s.,&]+(?:[\s-][^\W\d_][^\s.,&]*)*)")
LINEAGE = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
# "…", "...", ". . .", "et al." (and the dot of an initial that runs into them)
ELISION = re.compile(r"\s*(?:…|\.(?:\s?\.){2,}|\bet\s+al\b)(?:\s?[.…])*\s*", re.IGNORECASE)
ELIDED = "\u22ef"  # stands for the elision while the list is split
AUTHOR_SEPARATORS = re.compile(r"\s*[,&]\s*")
EDITOR_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b)\s*")  # "W. Lutz, and L.G. Castonguay"
EDITOR_MARK = re.compile(r"\s*\((?:Eds?|eds?)\.?\)\s*\.?\s*$")


class Author(NamedTuple):
    family: str
    given: str = ""  # initials as "J. P."; empty for a group author or a slip
    lineage: str = ""
    group: bool = False  # a corporate author, kept whole


class People(NamedTuple):
    people: tuple[Author, ...]
    incomplete: bool = False  # the line elided some of them
    fixes: tuple[str, ...] = ()  # slips read the intended way
    doubts: tuple[str, ...] = ()  # what a person should look at


def normalise_initials(text: str) -> str:
    """'T.A.' / 'T. A.' / 'TA' -> 'T. A.'; 'J.-P.' stays hyphenated."""
    out = ""
    for letter, hyphen in INITIAL.findall(text.strip()):
        out += f"{letter}." + ("-" if hyphen else " ")
    return out.strip()


def _pieces(text: str, separators: re.Pattern) -> tuple[list[str], bool]:
    marked = ELISION.sub(f", {ELIDED}, ", text)
    pieces = [piece.strip() for piece in separators.split(marked)]
    return [piece for piece in pieces if piece and piece != "."], ELIDED in marked


def _is_initials(piece: str) -> bool:
    return bool(INITIALS.fullmatch(piece)) and len(piece.replace(".", "").replace(" ", "")) <= 4


def _looks_like_group(piece: str) -> bool:
    words = piece.split()
    return len(words) >= 2 or piece.isupper()


def parse_authors(text: str) -> People:
    """'Cuijpers, P., Karyotaki, E., &Furukawa, T.A.' and its slips -> people."""
    pieces, incomplete = _pieces(text, AUTHOR_SEPARATORS)
    people: list[Author] = []
    fixes, doubts = [], []
    waiting = False  # the last person still lacks the initials that follow
    for piece in pieces:
        if piece == ELIDED:
            waiting = False
            continue
        if piece in LINEAGE and people:
            people[-1] = people[-1]._replace(lineage=piece)
            continue
        if waiting and _is_initials(piece):
            people[-1] = people[-1]._replace(given=normalise_initials(piece), group=False)
            waiting = False
            continue
        glued = INITIALS_THEN_NAME.fullmatch(piece)
        if waiting and glued:
            previous = people[-1]
            people[-1] = previous._replace(given=normalise_initials(glued["initials"]),
                                           group=False)
            people.append(Author(glued["family"]))
            fixes.append(f"a comma was missing between '{previous.family}, "
                         f"{people[-2].given}' and '{glued['family']}'; read as two authors")
            continue  # the new person still waits for its initials
        people.append(Author(piece.rstrip("."), group=_looks_like_group(piece)))
        waiting = True
    doubts += people_doubts(people, incomplete, "author")
    return People(tuple(people), incomplete, tuple(fixes), tuple(doubts))


def people_doubts(people: list[Author], incomplete: bool, role: str) -> list[str]:
    """What a reviewer should check of a parsed list: people without initials,
    and an elided list."""
    doubts = [f"the {role} '{person.family}' has no initials on the line"
              for person in people if not person.given and not person.group]
    if incomplete:
        doubts.append(f"the {role} list is elided on the line: the {len(people)} listed "
                      f"{role}(s) are kept and the list is marked incomplete")
    return doubts


def parse_editors(text: str) -> People:
    """'M.E. Lambert' / 'Barkham, W. Lutz, and L.G. Castonguay' -> people (initials first)."""
    pieces, incomplete = _pieces(EDITOR_MARK.sub("", text), EDITOR_SEPARATORS)
    people: list[Author] = []
    doubts = []
    for piece in pieces:
        if piece == ELIDED:
            continue
        glued = INITIALS_THEN_NAME.fullmatch(piece)
        if glued:
            people.append(Author(glued["family"], normalise_initials(glued["initials"])))
        elif _is_initials(piece) and people and not people[-1].given:
            people[-1] = people[-1]._replace(given=normalise_initials(piece))  # "Lambert, M.J."
        else:
            people.append(Author(piece.rstrip("."), group=len(piece.split()) >= 3))
    doubts += people_doubts(people, incomplete, "editor")
    return People(tuple(people), incomplete, (), tuple(doubts))
