"""The script policy of a Content-Security-Policy."""

from site_checks.privacy import script_policy_problems


def test_self_only_script_policy_is_fine():
    assert script_policy_problems("default-src 'self'; script-src 'self'") == []
    assert script_policy_problems("default-src 'none'") == []


def test_inline_and_third_party_script_sources_are_rejected():
    assert script_policy_problems("script-src 'self' 'unsafe-inline'") == ["script-src allows 'unsafe-inline'"]
    assert script_policy_problems("default-src 'self' https://cdn.example.com") == [
        "default-src allows https://cdn.example.com"]
    assert script_policy_problems("img-src 'self'") == ["sets neither script-src nor default-src, so any script may run"]
