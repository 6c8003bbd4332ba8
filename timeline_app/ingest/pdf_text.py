"""The text of a PDF, page by page, with pypdf, and what its document information says
about it (title, author, creation date).

pypdf reads the text the PDF draws, in the order it draws it: pages are joined with a blank
line; a word hyphenated across a line's end stays hyphenated ("an-\\nnounced"), because
joining it safely would need a dictionary ("well-\\nknown" must keep its hyphen). Only a
soft hyphen at a line's end, which marks such a split explicitly, is joined (cleaning.py).
A page of scanned images has no text to read: the app does not do OCR, and says so.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from timeline_app.errors import ValidationError
from timeline_app.ingest.cleaning import Extracted

# Titles that word processors and converters write on their own; no person chose them.
_MACHINE_TITLE = re.compile(
    r"^(?:untitled|document\d*|title|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pdf"
    r"|rtf|odt|pptx?|xlsx?|indd|tex|txt|html?))$",
    re.IGNORECASE,
)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def pdf_article(path: Path, name: str) -> Extracted:
    """The text of every page that has some, with the document's metadata; a note names
    the pages that have none (scans) or that could not be read."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_locked(name))
        pages = list(reader.pages)
    except ValidationError:
        raise
    except FileNotDecryptedError:
        raise ValidationError(_locked(name)) from None
    except DependencyError:
        raise ValidationError(f"{name} is encrypted in a way the app cannot read") from None
    except OSError as error:
        raise ValidationError(f"{name} cannot be read: {error.strerror or error}") from None
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise ValidationError(
            f"{name} is damaged or not a PDF the app can read ({_short(error)})"
        ) from None
    if not pages:
        raise ValidationError(f"{name} has no pages")

    texts: list[str] = []
    blank: list[int] = []
    unreadable: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text()
        except Exception:  # one bad page must not lose the others
            unreadable.append(number)
            continue
        if text.strip():
            texts.append(text)
        else:
            blank.append(number)
    if not texts:
        its = "its page" if len(pages) == 1 else f"its {len(pages)} pages"
        why = (
            f"{its} could not be read"
            if unreadable
            else f"{its} {'holds' if len(pages) == 1 else 'hold'} only images, as a scan does; "
            "the app does not read text in images"
        )
        raise ValidationError(f"{name} has no text the app can read ({why})")
    found = Extracted("\n\n".join(texts))
    for numbers, what in ((blank, "no text (a scanned image?)"), (unreadable, "unreadable text")):
        if numbers:
            verb, left = ("has", "was") if len(numbers) == 1 else ("have", "were")
            found.notes.append(f"{_pages(numbers)} {verb} {what} and {left} left out")
    _read_metadata(reader, found)
    return found


def _read_metadata(reader: Any, found: Extracted) -> None:
    """Title, publisher and date from the document information; the author stands in for
    the publisher only when the XMP metadata names no publisher."""
    try:
        info = reader.metadata or {}
        title = _string(info.get("/Title"))
        if title and not _MACHINE_TITLE.match(title.strip()):
            found.title = title
        if match := _PDF_DATE.match(_string(info.get("/CreationDate")).strip()):
            found.published = "-".join(match.groups())
        author = _string(info.get("/Author"))
    except Exception:  # damaged metadata: the text is still worth having
        return
    publisher = ""
    try:
        xmp = reader.xmp_metadata
        publishers = xmp.dc_publisher if xmp is not None else None
        publisher = publishers[0] if publishers else ""
    except Exception:
        pass
    found.publisher = publisher or author


def _string(value: object) -> str:
    """A metadata value as text: pypdf gives str subclasses, or objects for odd files."""
    if value is None:
        return ""
    with contextlib.suppress(AttributeError):  # an indirect reference
        value = value.get_object()  # type: ignore[attr-defined]
    return value if isinstance(value, str) else ""


def _locked(name: str) -> str:
    return (
        f"{name} is protected by a password; open it in a PDF reader and save a copy "
        "without the password, then add that copy"
    )


def _short(error: Exception) -> str:
    """The first line of a library's message, short enough for a one-line error."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return text if len(text) <= 120 else text[:119] + "…"


def _pages(numbers: list[int]) -> str:
    """[3] → 'page 3'; [2, 3, 4, 7] → 'pages 2–4, 7'."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(parts)
