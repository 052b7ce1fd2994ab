"""URL builders: RFC 6068 mailto, web composers, share links, text cutting, UTM."""

import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_links import urls
from petition_links.networks import share_url
from petition_links.urls import (
    ELLIPSIS, WEBMAIL_BUILDERS, add_utm, encode_letter, fit_text, gmail_url, graphemes, mailto_link, mailto_url,
    outlook_url, with_link,
)

RECIPIENTS = ["prosecutor@example.org", "minister+letters@example.org"]
LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def fields(url):
    """[(name, raw value)] of a URL's query, split on & and the first = only."""
    query = url.split("?", 1)[1]
    return [tuple(part.split("=", 1)) for part in query.split("&")]


def decoded(url):
    return {name: urllib.parse.unquote(value) for name, value in fields(url)}


def test_mailto_puts_recipients_in_the_path_and_encodes_every_value():
    url = mailto_url(RECIPIENTS, "Free them & now?", "Dear Minister,\n\nRelease them = 100%.#1")
    assert url.startswith("mailto:prosecutor@example.org,minister+letters@example.org?")
    assert [name for name, _ in fields(url)] == ["subject", "body"]
    assert "to=" not in url and "bcc" not in url and "+" not in url.split("?", 1)[1]
    assert "%20" in url and "%0D%0A%0D%0A" in url
    assert decoded(url) == {"subject": "Free them & now?", "body": "Dear Minister,\r\n\r\nRelease them = 100%.#1"}


def test_mailto_encodes_cyrillic_as_utf8_and_adds_cc_once():
    url = mailto_url(["a@example.org"], "Свобода", "Текст", cc=["count@example.org"])
    assert "subject=%D0%A1%D0%B2%D0%BE%D0%B1%D0%BE%D0%B4%D0%B0" in url
    assert [name for name, _ in fields(url)] == ["subject", "body", "cc"]
    assert decoded(url)["cc"] == "count@example.org"


def test_mailto_subject_never_carries_a_line_break():
    url = mailto_url(["a@example.org"], "One\r\ntwo\nthree", "Body")
    assert decoded(url)["subject"] == "One two three"


@settings(max_examples=300, deadline=None)
@given(subject=st.text().filter(lambda s: not any(c in LINE_BREAKS for c in s)), body=st.text())
def test_any_unicode_letter_round_trips_exactly_and_adds_no_field(subject, body):
    url = mailto_url(RECIPIENTS, subject, body)
    assert "#" not in url and url.count("?") == 1
    assert [name for name, _ in fields(url)] == ["subject", "body"]
    values = decoded(url)
    assert values["subject"] == subject
    # Line breaks become CRLF (RFC 6068); nothing else changes.
    assert values["body"] == body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


@settings(max_examples=200, deadline=None)
@given(subject=st.text(), body=st.text(), cc=st.lists(st.emails(), max_size=2))
def test_no_text_can_add_a_field_or_a_line_break_in_the_subject(subject, body, cc):
    url = mailto_url(RECIPIENTS, subject, body, cc=cc)
    names = [name for name, _ in fields(url)]
    assert names == (["subject", "body", "cc"] if cc else ["subject", "body"])
    assert not any(c in LINE_BREAKS for c in decoded(url)["subject"])


@pytest.mark.parametrize("builder, to, subject", [(gmail_url, "to", "su"), (outlook_url, "to", "subject")])
def test_web_composers_carry_the_same_letter(builder, to, subject):
    url = builder(RECIPIENTS, "Освободите & их", "Уважаемый министр!\n\nТекст #2")
    assert url.startswith("https://")
    values = decoded(url)
    assert values[to] == ",".join(RECIPIENTS)
    assert values[subject] == "Освободите & их"
    assert values["body"] == "Уважаемый министр!\r\n\r\nТекст #2"


def query(fields):
    """Each field percent-encoded on its own, as the builders did before a letter was encoded once for all."""
    return "&".join(f"{name}={urllib.parse.quote(value, safe='')}" for name, value in fields)


@settings(max_examples=200, deadline=None)
@given(subject=st.text(), body=st.text(), cc=st.lists(st.emails(), max_size=2))
def test_a_letter_encoded_once_gives_every_builder_the_same_url(subject, body, cc):
    subject_line, body_crlf = urls.one_line(subject), urls.crlf(body)
    tail = [("cc", ",".join(cc))] if cc else []
    path = ",".join(urllib.parse.quote(address, safe="@+") for address in RECIPIENTS)
    to = ",".join(RECIPIENTS)
    expected = {
        "mailto": f"mailto:{path}?" + query([("subject", subject_line), ("body", body_crlf)] + tail),
        "gmail": "https://mail.google.com/mail/?"
                 + query([("view", "cm"), ("fs", "1"), ("to", to), ("su", subject_line), ("body", body_crlf)] + tail),
        "outlook": "https://outlook.live.com/mail/0/deeplink/compose?"
                   + query([("to", to), ("subject", subject_line), ("body", body_crlf)] + tail),
    }
    assert mailto_url(RECIPIENTS, subject, body, cc) == expected["mailto"]
    assert gmail_url(RECIPIENTS, subject, body, cc) == expected["gmail"]
    assert outlook_url(RECIPIENTS, subject, body, cc) == expected["outlook"]
    encoded = encode_letter(subject, body, cc)
    assert mailto_link(RECIPIENTS, encoded) == expected["mailto"]
    assert {name: build(RECIPIENTS, encoded) for name, build in WEBMAIL_BUILDERS.items()} == {
        "gmail": expected["gmail"], "outlook": expected["outlook"]}


def test_fit_text_keeps_a_short_text_whole():
    assert fit_text("Free them all", 280, link="https://example.org/a/") == "Free them all"


def test_fit_text_cuts_after_a_whole_word_and_keeps_the_link():
    text = "Hundreds were detained for protesting peacefully " * 10
    cut = fit_text(text, 100, link="https://example.org/actions/free-them/")
    assert cut.endswith(ELLIPSIS)
    words = cut[:-1].split()
    assert " ".join(words) == " ".join(text.split()[: len(words)])
    assert len(cut) + 1 + len("https://example.org/actions/free-them/") <= 100


def test_x_counts_the_link_as_23_characters():
    long_link = "https://example.org/" + "a" * 200
    cut = fit_text("word " * 100, 280, link=long_link, link_weight=23)
    assert 250 <= len(cut) <= 280 - 24


def test_bluesky_counts_graphemes_and_never_splits_one():
    flags = "🇰🇿" * 400  # 400 graphemes, 800 code points, no spaces
    cut = fit_text(flags, 300, link="https://e.org/x/", count="graphemes")
    assert len(graphemes(cut)) + 1 + len("https://e.org/x/") <= 300
    assert cut[:-1] == "🇰🇿" * (len(cut[:-1]) // 2)


@settings(max_examples=200, deadline=None)
@given(text=st.text(), limit=st.integers(min_value=30, max_value=400), count=st.sampled_from(["chars", "graphemes"]))
def test_fit_text_fits_the_limit_and_is_a_prefix(text, limit, count):
    link = "https://example.org/actions/x/"
    cut = fit_text(text, limit, link=link, count=count)
    measure = len if count == "chars" else (lambda s: len(graphemes(s)))
    assert measure(with_link(cut, link)) <= limit
    stripped = text.strip()
    if cut != stripped and cut:
        assert cut.endswith(ELLIPSIS)
        assert stripped.startswith(cut[: -len(ELLIPSIS)])


def test_share_links_follow_each_network_format():
    url = "https://example.org/ru/actions/free-them/"
    text = "Свободу задержанным & #сейчас"
    assert decoded(share_url("x", url, "T", text)) == {"text": text, "url": url}
    assert share_url("facebook", url, "T", text) == "https://www.facebook.com/sharer/sharer.php?u=" + urllib.parse.quote(url, safe="")
    assert decoded(share_url("whatsapp", url, "T", text)) == {"text": f"{text} {url}"}
    assert share_url("telegram", url, "T", text).startswith("https://t.me/share/url?url=")
    assert decoded(share_url("telegram", url, "T", text)) == {"url": url, "text": text}
    assert decoded(share_url("vk", url, "Заголовок", text)) == {"url": url, "title": "Заголовок"}
    assert decoded(share_url("bluesky", url, "T", text)) == {"text": f"{text} {url}"}
    assert share_url("linkedin", url, "T", text).startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert share_url("mastodon", url, "T", text, "mastodon.social").startswith("https://mastodon.social/share?text=")
    assert share_url("email", url, "Title", text).startswith("mailto:?subject=Title&body=")
    with pytest.raises(ValueError):
        share_url("mastodon", url, "T", text)
    with pytest.raises(ValueError):
        share_url("myspace", url, "T", text)


def test_x_text_is_cut_to_280_without_breaking_the_link():
    url = "https://example.org/actions/free-them/"
    values = decoded(share_url("x", url, "T", "Protest peacefully " * 40))
    assert values["url"] == url
    assert len(values["text"]) + 1 + 23 <= 280 and values["text"].endswith(ELLIPSIS)


def test_add_utm_sets_the_three_parameters_and_keeps_the_rest():
    url = add_utm("https://petition.example.org/p?lang=ru&utm_source=old#sign", "telegram", "social", "free-them")
    parts = urllib.parse.urlsplit(url)
    assert parts.fragment == "sign"
    assert urllib.parse.parse_qsl(parts.query) == [
        ("lang", "ru"), ("utm_source", "telegram"), ("utm_medium", "social"), ("utm_campaign", "free-them")]
