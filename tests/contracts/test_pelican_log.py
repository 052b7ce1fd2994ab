"""Contract with Pelican's internals: sitebuild.forget_logged_messages() clears the
class-level state of pelican.log.LimitFilter, which drops a warning already logged in
the process. If a Pelican upgrade renames or moves it, this fails by name."""

import logging

from pelican.log import LimitFilter

from sitebuild import forget_logged_messages


def test_limit_filter_keeps_logged_messages_in_class_attributes_we_can_clear():
    assert isinstance(LimitFilter._raised_messages, set), "pelican.log.LimitFilter._raised_messages is gone"
    assert hasattr(LimitFilter._group_count, "clear"), "pelican.log.LimitFilter._group_count is gone"
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "contract message %s", ("one",), None)
    assert LimitFilter().filter(record) is True
    assert LimitFilter().filter(record) is False  # the same warning again: dropped
    forget_logged_messages()
    assert LimitFilter().filter(record) is True
