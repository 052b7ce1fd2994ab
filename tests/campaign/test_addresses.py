"""The one email rule: what a mail link may carry, for targets' addresses and for PETITION_LINKS["cc"] alike."""

import json

import pytest
from conftest import TARGETS_TOML

from campaign.addresses import mail_address, mail_link_recipients
from campaign.problems import ConfigurationError
from campaign_content.data import parse_targets
from petition_links.settings import merge_settings

GOOD = [
    ("office@example.org", "office@example.org"),
    ("first.last+letters@mail.example.kz", "first.last+letters@mail.example.kz"),
    (" office@example.org ", "office@example.org"),
    ("office@прокуратура.kz", "office@xn--80aa2apegcbrhd.kz"),
]
# Each value with the start of the reason it is refused.
BAD = [
    ("office%2Cspy%40evil.example%2Cx@example.org", "'office%2Cspy%40evil.example%2Cx@example.org' holds percent-encoding"),
    ("a%40b@example.org", "'a%40b@example.org' holds percent-encoding, which mail programs read as 'a@b@example.org'"),
    ("прокурор@example.org", "'прокурор@example.org' has letters outside ASCII before the '@'"),
    ("office@exa mple.org", "'office@exa mple.org' is not an email address"),
    ("a@b@example.org", "'a@b@example.org' is not an email address"),
    ("a@example.org,spy@evil.example", "'a@example.org,spy@evil.example' is not an email address"),
    ("a@example.org?bcc=spy@evil.example", "'a@example.org?bcc=spy@evil.example' is not an email address"),
    ("a@example.org&bcc=spy@evil.example", "'a@example.org&bcc=spy@evil.example' is not an email address"),
    ("a@example.org\r\nBcc: spy@evil.example", "'a@example.org\\r\\nBcc: spy@evil.example' is not an email address"),
    ('"a"@example.org', "'\"a\"@example.org' is not an email address"),
    ("office@", "'office@' is not an email address"),
    ("office", "'office' is not an email address"),
    ("office@example", "'office@example' is not an email address"),
    ("office@-example.org", "'office@-example.org' is not an email address"),
    ("office@example..org", "'office@example..org' has a domain that cannot be written as an international domain name"),
    (42, "42 is not a text"),
]


@pytest.mark.parametrize("value, carried", GOOD)
def test_an_address_is_carried_in_ascii_with_its_domain_in_idna(value, carried):
    assert mail_address(value) == (carried, None)


@pytest.mark.parametrize("value, reason", BAD)
def test_an_address_that_is_not_what_it_seems_is_refused_naming_it(value, reason):
    address, problem = mail_address(value)
    assert address is None and problem.startswith(reason)


def targets_file(tmp_path, email):
    path = tmp_path / "targets.toml"
    path.write_text(TARGETS_TOML.replace('"prosecutor@example.org"', json.dumps(email)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("value, carried", [(v, c) for v, c in GOOD if isinstance(v, str)])
def test_targets_and_cc_accept_the_same_addresses_in_the_same_form(tmp_path, value, carried):
    targets, problems = parse_targets(targets_file(tmp_path, value), "en")
    assert problems == [] and targets["prosecutor-general"].email == carried
    assert merge_settings({"cc": [value]})["cc"] == [carried]


@pytest.mark.parametrize("value, reason", [(v, r) for v, r in BAD if isinstance(v, str)])
def test_targets_and_cc_refuse_the_same_addresses_for_the_same_reason(tmp_path, value, reason):
    _, problems = parse_targets(targets_file(tmp_path, value), "en")
    assert [(p.field, p.message.startswith(reason)) for p in problems] == [("prosecutor-general.email", True)]
    with pytest.raises(ConfigurationError) as error:
        merge_settings({"cc": ["letters@example.org", value]})
    assert str(error.value).startswith(f"petition_links: PETITION_LINKS['cc'] has an address mail links cannot carry: {reason}")


@pytest.mark.parametrize("value", ["a" * 1_000_000 + "@", "%" * 1_000_000, ["x@example.org"] * 100_000])
def test_a_huge_value_is_named_by_its_start_never_quoted_whole(value):
    address, problem = mail_address(value)
    assert address is None and len(problem) < 400


@pytest.mark.parametrize("href, recipients", [
    ("mailto:a@example.org", ("a@example.org",)),
    ("MAILTO:A@Example.org?subject=Hi", ("a@example.org",)),
    ("mailto:a@example.org,b@example.org?cc=c@example.org&BCC=d@example.org", tuple(f"{x}@example.org" for x in "abcd")),
    ("mailto:a@example.org%2Cspy@evil.example", ("a@example.org", "spy@evil.example")),  # read as a comma
    ("mailto:?to=a@example.org&body=to=x@example.org", ("a@example.org",)),  # the body's text sends nothing
])
def test_a_mail_link_s_recipients_are_the_addresses_a_mail_program_sends_to(href, recipients):
    assert mail_link_recipients(href) == recipients
