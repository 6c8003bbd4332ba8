"""Adding a source: what the user gets from a web page, a PDF, Markdown, plain text or
pasted text — the article's words verbatim and nothing of the page around them, metadata
prefilled, and a clear one-line message for what cannot be read. Every text returned must
be storable as it is (text_rules), since excerpts are offsets into it."""

from __future__ import annotations

import io
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfWriter

from timeline_app.errors import ValidationError
from timeline_app.ingest.article import Article, article_from_text, detect_kind, read_article
from timeline_app.model.text_rules import RULES, problem_with

FIXTURES = Path(__file__).parent / "fixtures"

NEWS_PARAGRAPHS = [
    "Northwind Robotics said on Thursday that it had opened its first European plant, a "
    "40,000-square-metre site on the outskirts of Lyon that will build warehouse robots for "
    "customers in France, Germany and Spain.",
    "The company, based in Minneapolis, expects the plant to employ 350 people by the end of "
    "2025. “Lyon gives us engineers, suppliers and a rail link to half of Europe,” said Maria "
    "Jensen, Northwind’s chief executive.",
    "Production of the first robots — a smaller version of the company’s Atlas picker — is due "
    "to start in June. Northwind said it would invest €120 million in the site over three years.",
    "Analysts at Bergmann & Cie said the move put Northwind in direct competition with European "
    "rivals. “It is a bold bet on a market that is growing by 15% a year,” wrote Henri Lefèvre, "
    "an analyst at the bank.",
    "The plant is Northwind’s fourth outside the United States, after sites in Mexico, Japan "
    "and South Korea.",
]
# Words found only in the page's chrome: none may reach the stored text.
CHROME_WORDS = [
    "cookie", "Accept all", "Manage preferences", "World", "Technology", "Opinion",
    "Subscribe", "Share on Chirper", "Email this story", "Morning Ledger", "newsletter",
    "Sign up", "Your email", "Related stories", "hiring spree", "warehouse automation is",
    "All rights reserved", "Privacy notice", "Terms of use", "Contact the newsroom",
    "dataLayer", "TRACKINGSCRIPTWORD", "FOOTERSCRIPTWORD", "STYLESHEETWORD", "font-family",
    "gtag", "schema.org",
]  # fmt: skip


def assert_storable(article: Article) -> None:
    """What the app's own rules ask of a source, checked the way import checks it."""
    assert problem_with("source_text", article.text) is None
    for field, value in [
        ("source_title", article.title),
        ("source_publisher", article.publisher),
        ("source_url", article.url),
    ]:
        assert problem_with(field, value) is None
        assert value == value.strip() and "\n" not in value
    text = article.text
    assert text and text == text.strip()
    assert "\n\n\n" not in text and "\r" not in text
    assert not any(line != line.rstrip() for line in text.split("\n"))
    assert unicodedata.normalize("NFC", text) == text
    assert article.published == "" or len(article.published) == 10
    assert article.kind in ("text", "markdown", "html", "pdf")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- HTML


def test_a_news_page_keeps_every_paragraph_verbatim_and_none_of_the_chrome():
    article = read_article(FIXTURES / "news_page.html")
    assert article.kind == "html"
    paragraphs = article.text.split("\n\n")
    for paragraph in NEWS_PARAGRAPHS:
        assert paragraph in paragraphs  # whole, verbatim, a paragraph of its own
    for word in CHROME_WORDS:
        assert word.casefold() not in article.text.casefold(), word
    assert article.notes == ()
    assert_storable(article)


def test_a_news_page_prefills_title_publisher_date_and_canonical_url():
    article = read_article(FIXTURES / "news_page.html")
    assert article.title == "Northwind Robotics opens its first European plant in Lyon"
    assert article.publisher == "The Daily Ledger"
    assert article.published == "2024-03-14"  # published, not modified (the 15th)
    assert article.url == "https://ledger.example.com/business/2024/03/northwind-lyon-plant"


def test_pasted_html_gives_the_same_article_and_the_users_url_wins():
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    article = article_from_text(html, "html", url="https://mirror.example.org/story")
    assert article.text == read_article(FIXTURES / "news_page.html").text
    assert article.url == "https://mirror.example.org/story"


def test_a_pasted_html_fragment_is_read_too():
    article = article_from_text("<p>Acme buys <b>Foo</b> for $3 <i>billion</i>.</p>", "html")
    assert article.text == "Acme buys Foo for $3 billion."
    pasted = article_from_text("<div>Acme ships in June.<br>Orders open today.</div>", "html")
    assert pasted.text == "Acme ships in June.\nOrders open today."


def test_a_page_in_a_declared_legacy_encoding_is_decoded_by_its_meta_charset(tmp_path):
    body = (
        "<p>" + "Le café de Köln a ouvert ses portes à l’été, a déclaré la société. " * 5 + "</p>"
    )
    head = '<head><meta charset="windows-1252"><title>Café</title></head>'
    html = f"<html>{head}<body>{body}</body></html>"
    article = read_article(write(tmp_path, "page.htm", html.encode("cp1252")))
    assert "Le café de Köln a ouvert ses portes à l’été" in article.text
    assert article.title == "Café"


def test_tables_and_lists_in_a_page_become_lines():
    html = (
        "<html><body><article><h1>Results</h1><p>"
        + "Acme reported a strong quarter with revenue growth in every region. " * 4
        + "</p><ul><li>Revenue up 12%</li><li>Margin of 21%</li></ul><table><tr><th>Segment"
        "</th><th>Revenue</th></tr><tr><td>Cloud</td><td>1.2</td></tr></table></article>"
        "</body></html>"
    )
    text = article_from_text(html, "html").text
    assert "- Revenue up 12%\n- Margin of 21%" in text
    assert "Segment | Revenue\nCloud | 1.2" in text
    assert "---" not in text


# ----------------------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str] | None], info: dict[str, str] | None = None) -> bytes:
    """A small PDF written by hand: each page draws its lines in Helvetica (WinAnsi), or,
    for None, only an image, as a scanned page does. Offsets in the xref are computed."""
    objects: dict[int, bytes] = {
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
    }
    kids = []
    for index, lines in enumerate(pages):
        page_id, content_id = 10 + 2 * index, 11 + 2 * index
        if lines is None:
            stream = b"q 400 0 0 500 100 150 cm /Im1 Do Q"
        else:
            shown = b" ".join(
                b"(" + line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
                .replace(b")", b"\\)") + b") Tj T*" for line in lines
            )  # fmt: skip
            stream = b"BT /F1 12 Tf 16 TL 72 720 Td " + shown + b" ET"
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % content_id
        )
        kids.append(b"%d 0 R" % page_id)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    trailer_info = b""
    if info:
        entries = b" ".join(b"/%s (%s)" % (k.encode(), v.encode("cp1252")) for k, v in info.items())
        objects[5] = b"<< " + entries + b" >>"
        trailer_info = b" /Info 5 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        if number in offsets:
            out.write(b"%010d 00000 n \n" % offsets[number])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, trailer_info, xref)
    )
    return out.getvalue()


REPORT_PAGES: list[list[str] | None] = [
    ["Northwind Robotics Annual Report 2023", "Revenue rose 18% to $1.2 billion."],
    ["The Lyon plant opened in March 2024.", "Orders from Europe doubled."],
    ["Outlook: the company expects growth to continue."],
]
REPORT_INFO = {
    "Title": "Northwind Robotics Annual Report 2023",
    "Author": "Northwind Investor Relations",
    "CreationDate": "D:20240314083000+01'00'",
}


def test_a_pdf_gives_its_pages_text_in_order_with_its_metadata(tmp_path):
    article = read_article(write(tmp_path, "report.pdf", make_pdf(REPORT_PAGES, REPORT_INFO)))
    assert article.kind == "pdf"
    pages = article.text.split("\n\n")
    assert pages == [
        "Northwind Robotics Annual Report 2023\nRevenue rose 18% to $1.2 billion.",
        "The Lyon plant opened in March 2024.\nOrders from Europe doubled.",
        "Outlook: the company expects growth to continue.",
    ]
    assert article.title == "Northwind Robotics Annual Report 2023"
    assert article.publisher == "Northwind Investor Relations"  # the author: nothing better
    assert article.published == "2024-03-14"
    assert article.notes == ()
    assert_storable(article)


def test_a_pdf_is_recognised_by_its_content_whatever_its_name(tmp_path):
    article = read_article(write(tmp_path, "download", make_pdf(REPORT_PAGES)))
    assert article.kind == "pdf" and article.title == "" and article.published == ""


def test_a_scanned_page_is_left_out_with_a_note(tmp_path):
    pages = [REPORT_PAGES[0], None, REPORT_PAGES[2]]
    article = read_article(write(tmp_path, "scan.pdf", make_pdf(pages)))
    assert "Outlook" in article.text and "Revenue rose" in article.text
    assert any("page 2 has no text" in note for note in article.notes)


def test_a_pdf_of_scanned_images_only_says_it_has_no_text(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([None, None]))
    with pytest.raises(ValidationError, match=r"^scan\.pdf has no text the app can read \("):
        read_article(path)


def test_a_word_processors_own_title_is_not_offered(tmp_path):
    info = {"Title": "Microsoft Word - draft3.docx", "CreationDate": "D:2024"}
    article = read_article(write(tmp_path, "x.pdf", make_pdf(REPORT_PAGES, info)))
    assert article.title == "" and article.published == ""


def encrypted(user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(REPORT_PAGES, REPORT_INFO)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_by_a_password_gets_a_clear_message(tmp_path):
    path = write(tmp_path, "locked.pdf", encrypted("secret", "AES-256"))
    with pytest.raises(ValidationError, match=r"^locked\.pdf is protected by a password; "):
        read_article(path)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_restricted_only_by_its_owner_is_read(tmp_path, algorithm):
    """Many published PDFs forbid editing but open for anyone: their text is readable."""
    article = read_article(write(tmp_path, "restricted.pdf", encrypted("", algorithm)))
    assert "Orders from Europe doubled." in article.text


def test_a_damaged_pdf_gets_a_clear_message(tmp_path):
    path = write(tmp_path, "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    with pytest.raises(ValidationError, match=r"^broken\.pdf ") as caught:
        read_article(path)
    assert "\n" not in str(caught.value)
    truncated = make_pdf(REPORT_PAGES)[:300]
    with pytest.raises(ValidationError, match=r"^cut\.pdf "):
        read_article(write(tmp_path, "cut.pdf", truncated))


# ----------------------------------------------------------------------------- Markdown


def test_markdown_is_stored_as_prose_without_its_markup():
    article = read_article(FIXTURES / "press_release.md")
    assert article.kind == "markdown"
    assert article.title == "Northwind Robotics reports record first-quarter orders"
    text = article.text
    for markup in ("#", "**", "](", "https://", "```", "> "):
        assert markup not in text, markup
    assert text.startswith("Northwind Robotics reports record first-quarter orders\n\nMinneapolis")
    assert (
        "Minneapolis, 2 May 2024 — Northwind Robotics said its order book reached a record in "
        "the first quarter, helped by demand from European warehouses and by the new Atlas "
        "Mini picker." in text.split("\n\n")
    )
    assert "- Orders up 38% to $412 million\n- Lyon plant started production in April\n" in text
    assert "1. Revenue: $301 million\n2. Gross margin: 41%" in text
    assert "“We are hiring in every region,” said chief executive Maria Jensen." in text
    assert "query the fleet with the fleet status command:\n\nfleet status --region eu" in text
    assert_storable(article)


def test_markdown_front_matter_fills_the_metadata_and_leaves_the_text():
    source = (
        '---\ntitle: "Acme\'s new plant"\ndate: 2024-05-02\npublisher: Acme Newsroom\n---\n'
        "Acme opened a plant in *Ohio*."
    )
    article = article_from_text(source, "markdown")
    assert article.text == "Acme opened a plant in Ohio."
    assert (article.title, article.published, article.publisher) == (
        "Acme's new plant",
        "2024-05-02",
        "Acme Newsroom",
    )


def test_html_inside_markdown_leaves_its_text_only():
    source = "Acme<br>grew <span>fast</span>.\n\n<script>track()</script>\n\n<!-- draft -->\n\nEnd."
    assert article_from_text(source, "markdown").text == "Acme\ngrew fast.\n\nEnd."


def test_markdown_is_detected_by_extension_or_by_its_syntax(tmp_path):
    assert (
        read_article(write(tmp_path, "notes.txt", b"# Acme news\n\nAcme grew.")).kind == "markdown"
    )
    linked = b"Acme [grew](https://a.example) and [hired](https://b.example) people."
    assert read_article(write(tmp_path, "notes2.txt", linked)).kind == "markdown"
    assert read_article(write(tmp_path, "plain.md", b"Acme grew.")).kind == "markdown"
    assert detect_kind("Item #1 sold well. Price: 5 * 3 = 15.") == "text"
    assert detect_kind("<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt") == "html"
    assert detect_kind("<p>One</p>", ".html") == "html"


# ----------------------------------------------------------------------------- plain text


def test_utf8_with_a_bom_and_crlf_line_ends(tmp_path):
    data = "\ufeffAcme opens Lyon plant\r\n\r\nThe plant – “the biggest yet” – opens today.\r\n"
    article = read_article(write(tmp_path, "bom.txt", data.encode("utf-8")))
    assert article.text == "Acme opens Lyon plant\n\nThe plant – “the biggest yet” – opens today."
    assert article.title == "Acme opens Lyon plant"
    assert article.notes == ()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings_are_detected(tmp_path, encoding):
    text = "Café Müller\r\n\r\nLe café de la gare a fermé. Élodie était là à l'été.\r\n"
    text += "Señor García agreed.\r\n"
    if encoding == "cp1252":
        text += "The “new” plant – in Köln – opens in 2025.\r\n"
    article = read_article(write(tmp_path, "legacy.txt", text.encode(encoding)))
    assert article.text == text.replace("\r\n\r\n", "\n\n").replace("\r\n", "\n").strip()
    assert article.title == "Café Müller"
    assert any("not UTF-8" in note for note in article.notes)


def test_utf16_text_from_windows_is_read(tmp_path):
    text = "Acme results\r\n\r\nRevenue rose by a fifth."
    assert read_article(write(tmp_path, "u.txt", text.encode("utf-16"))).text == (
        "Acme results\n\nRevenue rose by a fifth."
    )
    bare = write(tmp_path, "v.txt", text.encode("utf-16-le"))
    assert read_article(bare).text == "Acme results\n\nRevenue rose by a fifth."


def test_whitespace_is_normalised_conservatively():
    data = "  \n\nTitle line\n\n\n\n\nFirst  paragraph\t\twith   gaps.   \n  indented line\n\n\n"
    article = article_from_text(data)
    assert article.text == "Title line\n\nFirst paragraph with gaps.\n  indented line"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Acme opens its Lyon plant", "Acme opens its Lyon plant"),
        ("Why is Acme building in Lyon?", "Why is Acme building in Lyon?"),
        ("Acme said on Monday that it opened a plant.", ""),
        ("Dear shareholders,", ""),
        ("2024-03-14", ""),
        ("A" * 151, ""),
    ],
)
def test_plain_text_title_is_the_first_line_only_when_it_looks_like_one(first_line, title):
    assert article_from_text(f"\n{first_line}\n\nBody text here.").title == title


def test_invisible_and_control_characters_are_removed_and_counted():
    raw = (
        "Ac\u00adme\u200b opens \u202eLyon\u202c plant\x00\x07.\n"
        "a typeset-\nline with a soft hyph\u00ad\nen, and a BOM\ufeff. "
        "Persian keeps its joiner: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645."
    )
    article = article_from_text(raw)
    assert article.text == (
        "Acme opens Lyon plant.\na typeset-\nline with a soft hyphen, and a BOM. "
        "Persian keeps its joiner: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645."
    )
    assert any("7 invisible or control characters were removed" in note for note in article.notes)
    assert_storable(article)


def test_text_is_stored_in_nfc():
    assert article_from_text("Cafe\u0301 Mu\u0308ller opens").text == "Café Müller opens"


def test_metadata_is_cleaned_to_what_its_fields_may_hold():
    html = (
        "<html><head><title>Acme\u202e \n\t news \u200b</title></head><body><p>"
        + "Acme opened a plant. " * 20
        + "</p></body></html>"
    )
    article = article_from_text(html, "html", url=" https://acme.example/news\n")
    assert article.title == "Acme news"
    assert article.url == "https://acme.example/news"
    assert_storable(article)
    too_long = "https://acme.example/" + "a" * RULES["source_url"].max_chars
    assert article_from_text("Acme grew.", url=too_long).url == ""


# ----------------------------------------------------------------------------- refusals


def test_an_empty_file_or_one_of_blanks_has_no_text(tmp_path):
    for name, data in [("empty.txt", b""), ("blank.txt", " \r\n\t\n\u200b".encode())]:
        with pytest.raises(
            ValidationError, match=rf"^{name.replace('.', '[.]')} has no text the app can read$"
        ):
            read_article(write(tmp_path, name, data))
    with pytest.raises(ValidationError, match="has no text the app can read"):
        article_from_text(
            "<html><head><script>var a = 1;</script></head><body></body></html>", "html"
        )
    with pytest.raises(ValidationError, match="^The pasted text has no text the app can read$"):
        article_from_text("\u200b\u200b \n")


def test_an_over_long_text_names_the_limit(tmp_path):
    limit = RULES["source_text"].max_chars
    path = write(tmp_path, "long.txt", ("word " * (limit // 5 + 10)).encode())
    with pytest.raises(ValidationError, match=r"^long\.txt is too long: .* at most 2,000,000$"):
        read_article(path)
    fits = ("a" * 99 + "\n") * (limit // 100)
    assert len(read_article(write(tmp_path, "fits.txt", fits.encode())).text) == limit - 1


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
        ("report.docx", b"PK\x03\x04" + bytes(range(256)) * 4, "a ZIP archive"),
        ("program.bin", bytes(range(256)) * 64, "a binary file"),
        (
            "noise.txt",
            bytes((i * 7919) % 251 for i in range(5000)).replace(b"\x00", b"\x01"),
            "binary",
        ),
    ],
)
def test_a_binary_file_is_refused_with_a_message_naming_it(tmp_path, name, data, says):
    with pytest.raises(ValidationError, match=rf"^{name.replace('.', '[.]')} .*{says}") as caught:
        read_article(write(tmp_path, name, data))
    assert "\n" not in str(caught.value)


def test_unsupported_kinds_missing_files_and_pasted_pdfs_are_refused(tmp_path):
    with pytest.raises(ValidationError, match="'docx' is not a kind of source"):
        read_article(write(tmp_path, "a.txt", b"Acme"), kind="docx")
    with pytest.raises(ValidationError, match="'rtf' is not a kind of source"):
        article_from_text("Acme", kind="rtf")
    with pytest.raises(ValidationError, match="a PDF cannot be pasted"):
        article_from_text("Acme", kind="pdf")
    with pytest.raises(ValidationError, match=r"^gone\.txt cannot be read: "):
        read_article(tmp_path / "gone.txt")
    with pytest.raises(ValidationError, match=r"^notes\.txt is damaged or not a PDF"):
        read_article(write(tmp_path, "notes.txt", b"Acme grew."), kind="pdf")


def test_a_text_file_can_be_read_as_the_kind_the_user_says(tmp_path):
    path = write(tmp_path, "page.txt", b"<p>Acme <b>grew</b>.</p>")
    assert read_article(path, kind="text").text == "<p>Acme <b>grew</b>.</p>"
    assert read_article(path, kind="html").text == "Acme grew."


# ----------------------------------------------------------------------------- speed


def test_a_big_page_and_a_long_pdf_are_read_quickly(tmp_path):
    """The user waits for this: a 1 MB page and a 50-page PDF each take well under 2 s
    (about 0.5 s and 0.3 s on a 2-core machine); the bound leaves room for a busy CI."""
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    filler = "".join(
        f"<p>Paragraph {i}: Northwind said its robots now pick {i} items an hour in tests.</p>"
        for i in range(12_000)
    )
    big = write(
        tmp_path,
        "big.html",
        html.replace('<div class="story-body">', f'<div class="story-body">{filler}').encode(),
    )
    assert big.stat().st_size > 1_000_000
    lines = [
        f"Line {n}: the company reported steady growth across every region." for n in range(40)
    ]
    pdf = write(tmp_path, "long.pdf", make_pdf([lines] * 50))
    for path in (big, pdf):
        started = time.perf_counter()
        article = read_article(path)
        assert time.perf_counter() - started < 4.0
        assert_storable(article)
